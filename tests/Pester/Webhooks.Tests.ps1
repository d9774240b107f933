# Issue 20 as a user types it in pwsh: a Lime webhook end to end with a receiver in this session, the signature
# check on the captured delivery, -WhatIf, and the Billecta portal steps.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox
    Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.ApiKey
    function Get-SandboxWebhooks([string] $Service) { @(Invoke-RestMethod "$($Sandbox.Url)_sandbox/$Service/webhooks") }
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'Lime webhooks' {
    It 'adds, lists, receives a signed delivery that verifies, and removes; -WhatIf changes nothing' {
        $port = Get-ClosedPort
        $url = "http://127.0.0.1:$port/hook/"
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add($url)
        $listener.Start()
        try {
            $secret = [securestring]::new(); 'pester-lime-secret'.ToCharArray() | ForEach-Object { $secret.AppendChar($_) }
            Add-LimeWebhook -Url $url -Event invoice.update -Secret $secret -WhatIf
            (Get-SandboxWebhooks lime).Count | Should -Be 0
            $hook = Add-LimeWebhook -Url $url -Event invoice.update -Secret $secret
            (Get-LimeWebhook | Where-Object Id -eq $hook.Id).Url | Should -Be $url
            (Get-LimeWebhook | Out-String) | Should -Not -Match 'pester-lime-secret'

            # The sandbox delivers while its control call is open: take the delivery, answer it, then let the call finish.
            $context = $listener.GetContextAsync()
            $fire = [System.Net.Http.HttpClient]::new().PostAsync("$($Sandbox.Url)_sandbox/lime/events/invoice.update?id=1001", $null)
            $context.Wait(15000) | Should -BeTrue
            $request = $context.Result.Request
            $body = [System.IO.StreamReader]::new($request.InputStream).ReadToEnd()
            $headers = @{}; foreach ($name in $request.Headers.AllKeys) { $headers[$name] = $request.Headers[$name] }
            $context.Result.Response.StatusCode = 200; $context.Result.Response.Close()
            $fire.Wait(15000) | Should -BeTrue

            $check = Test-IntegrationWebhookSignature -Service Lime -Headers $headers -Body $body -Secret $secret
            $check.Valid | Should -BeTrue
            (Test-IntegrationWebhookSignature -Service Lime -Headers $headers -Body ($body + ' ') -Secret $secret).Valid | Should -BeFalse
            (Test-LimeWebhook -Id $hook.Id).Healthy | Should -BeTrue

            $hook | Remove-LimeWebhook -WhatIf
            (Get-SandboxWebhooks lime).Count | Should -Be 1
            $hook | Remove-LimeWebhook -Confirm:$false
            (Get-SandboxWebhooks lime).Count | Should -Be 0
        }
        finally { $listener.Stop(); $listener.Close() }
    }
}

Describe 'Billecta webhooks' {
    It 'prints the portal steps with the receiver URL and header, and the receiver check passes without an event' {
        $setup = Get-BillectaWebhookSetup -Creditor 'Fjordvik AB'
        $setup.ReceiverUrl.AbsoluteUri | Should -BeLike '*/lime/fjordvik/limepkg-billecta-integration/billecta-webhook-receiver'
        $setup.Header | Should -Be 'x-api-key'
        ($setup | Out-String) | Should -Match 'Settings > Addons > Webhooks'
        $check = Test-BillectaWebhookReceiver -WebhookApiKey $Sandbox.Lime.WebhookApiKey
        $check.Passed | Should -BeTrue
        $check.WithoutKeyStatus | Should -Be 404
    }
}

Describe 'Sandbox guide switches from the command line' {
    # Start-IntegrationSandbox passes sandbox flags through -ArgumentList as they are typed on the sandbox's command line.
    It 'takes --tripletex-addon-module and --lime-billecta-receiver-get-status through -ArgumentList' {
        $flagged = Start-IntegrationSandbox -ArgumentList '--tripletex-addon-module', 'none', '--lime-billecta-receiver-get-status', '418'
        try {
            $tt = Connect-Tripletex -Environment Test -BaseUrl $flagged.Tripletex.BaseUrl -ConsumerToken $flagged.Tripletex.ConsumerToken -EmployeeToken $flagged.Tripletex.EmployeeToken -PassThru
            $modules = @((Get-TripletexSalesModule -Connection $tt).Name)
            $modules | Should -Contain 'SMART'
            $modules | Should -Not -Contain 'API_V2'
            $lime = Connect-Lime -BaseUrl $flagged.Lime.BaseUrl -ApiKey $flagged.Lime.ApiKey -PassThru
            $check = Test-BillectaWebhookReceiver -Connection $lime -WebhookApiKey $flagged.Lime.WebhookApiKey
            $check.WithKeyStatus | Should -Be 418
            # The first sandbox kept its defaults.
            (Get-TripletexSalesModule -Connection (Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken -PassThru)).Name | Should -Contain 'API_V2'
        }
        finally { $flagged | Stop-IntegrationSandbox }
    }
}
