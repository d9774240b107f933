# Every service as a user types it in pwsh against the sandbox: Connect, Test, Get, the pipeline pairs, -WhatIf.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox -TripletexCleanNumbers
    function Get-SandboxRequest([string] $Service) {
        Invoke-RestMethod "$($Sandbox.Url)_sandbox/requests?service=$Service"
    }
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'Start-IntegrationSandbox' {
    It 'returns the URLs and every demo secret as SecureString or PSCredential' {
        $Sandbox.Url | Should -Match '^http://127\.0\.0\.1:\d+/$'
        $Sandbox.Billbee.Credential | Should -BeOfType [pscredential]
        $Sandbox.Billbee.ApiKey | Should -BeOfType [securestring]
        $Sandbox.Tripletex.ConsumerToken | Should -BeOfType [securestring]
        $Sandbox.Tripletex.IntegrationEmployeeId | Should -BeGreaterThan 0
        $Sandbox.Tripletex.IntegrationEmployeeName | Should -Not -BeNullOrEmpty
        $Sandbox.IFirma.SubscriberKey | Should -BeOfType [securestring]
        $Sandbox.Billecta.Credential | Should -BeOfType [pscredential]
        $Sandbox.Lime.WebhookApiKey | Should -BeOfType [securestring]
        ($Sandbox | Out-String) | Should -Not -Match ([regex]::Escape((Plain $Sandbox.Billbee.ApiKey)))
    }
}

Describe 'Billbee' {
    BeforeAll {
        Connect-Billbee -Credential $Sandbox.Billbee.Credential -ApiKey $Sandbox.Billbee.ApiKey -BaseUrl $Sandbox.Billbee.BaseUrl
    }
    It 'Test-BillbeeConnection succeeds as the sandbox''s administrator' {
        $test = Test-BillbeeConnection
        $test.Success | Should -BeTrue
        $test.User | Should -Be $Sandbox.Billbee.Credential.UserName
    }
    It 'Get-BillbeeOrderState lists the states with German names' {
        $states = Get-BillbeeOrderState
        $states.Count | Should -BeGreaterThan 10
        ($states | Where-Object Id -eq 3).GermanName | Should -Not -BeNullOrEmpty
    }
    It 'Get-BillbeeShop lists the shops' {
        @(Get-BillbeeShop).Count | Should -Be 5
    }
    It 'Get-BillbeeOrder -First 5 gives five orders; Select-Object -First 3 stops it early' {
        @(Get-BillbeeOrder -First 5).Count | Should -Be 5
        @(Get-BillbeeOrder | Select-Object -First 3).Count | Should -Be 3
    }
    It 'Get-BillbeeOrder | Set-BillbeeOrderState -WhatIf changes nothing' {
        $orders = @(Get-BillbeeOrder -State Paid -First 3)
        $before = (Get-SandboxRequest billbee).Count
        $orders | Set-BillbeeOrderState -State Shipped -WhatIf
        $after = Get-SandboxRequest billbee | Select-Object -Skip $before
        @($after | Where-Object Method -ne GET).Count | Should -Be 0
        (Get-BillbeeOrder -Id $orders[0].BillbeeOrderId).State | Should -Be $orders[0].State
    }
    It 'Get-BillbeeOrder | Set-BillbeeOrderState -PassThru changes the state' {
        $order = Get-BillbeeOrder -State Paid -First 1
        $changed = $order | Set-BillbeeOrderState -State Shipped -PassThru -Confirm:$false
        $changed.BillbeeOrderId | Should -Be $order.BillbeeOrderId
        $changed.StateName | Should -Match 'Versendet|Shipped'
    }
    It 'a wrong API password is the error Billbee.Authentication' {
        $wrong = [pscredential]::new($Sandbox.Billbee.Credential.UserName, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $bad = Connect-Billbee -Credential $wrong -ApiKey $Sandbox.Billbee.ApiKey -BaseUrl $Sandbox.Billbee.BaseUrl -MaxAttempts 1 -PassThru
        Get-BillbeeShop -Connection $bad -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'Billbee.Authentication*'
    }
}

Describe 'Tripletex' {
    BeforeAll {
        Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken
    }
    It 'Test-TripletexConnection names the company and employee' {
        $test = Test-TripletexConnection
        $test.Success | Should -BeTrue
    }
    It 'Test-TripletexAccess and Get-TripletexEntitlement answer; Test-TripletexNumberSeries finds no collision in the clean company' {
        @(Test-TripletexAccess).Count | Should -BeGreaterThan 0
        @(Get-TripletexEntitlement).Count | Should -BeGreaterThan 0
        @(Test-TripletexNumberSeries -ShopInvoiceStart 6000 -ShopCustomerStart 10000 -WarningAction SilentlyContinue).Count | Should -Be 0
    }
    It 'Get-TripletexCustomer streams (Select-Object -First 3) and Get-TripletexInvoice reads a date range' {
        @(Get-TripletexCustomer | Select-Object -First 3).Count | Should -Be 3
        @(Get-TripletexInvoice -From ([datetime]::Today.AddDays(-60)) -To ([datetime]::Today)).Count | Should -BeGreaterThan 0
    }
    It 'New-TripletexSession makes a session and Remove-TripletexSession -WhatIf keeps it' {
        $session = New-TripletexSession -Confirm:$false
        $session.ExpirationDate | Should -Not -BeNullOrEmpty
        Remove-TripletexSession -WhatIf
        (Test-TripletexConnection).Success | Should -BeTrue
        Remove-TripletexSession -Confirm:$false
    }
    It 'a reversed date range is Module.InvalidParameter, naming the parameter' {
        { Get-TripletexInvoice -From 2026-06-30 -To 2026-01-01 -ErrorAction Stop } | Should -Throw -ErrorId 'Module.InvalidParameter*'
        try { Get-TripletexInvoice -From 2026-06-30 -To 2026-01-01 -ErrorAction Stop } catch { $_.Exception.Message | Should -Match '-To' }
    }
}

Describe 'iFirma' {
    BeforeAll {
        $f = $Sandbox.IFirma
        Connect-IFirma -BaseUrl $f.BaseUrl -Login $f.Login -InvoiceKey $f.InvoiceKey -BillKey $f.BillKey -SubscriberKey $f.SubscriberKey -ExpenseKey $f.ExpenseKey
    }
    It 'Test-IFirmaConnection accepts all four keys' {
        $results = @(Test-IFirmaConnection)
        $results.Count | Should -Be 4
        $results.Success | Should -Not -Contain $false
    }
    It 'Get-IFirmaApiLimit, Request-IFirmaApiLimit, Get-IFirmaAccountingMonth and Get-IFirmaInvoice answer' {
        (Get-IFirmaApiLimit).Granted | Should -BeGreaterThan 0
        Request-IFirmaApiLimit -Requested 5000 | Should -Not -BeNullOrEmpty
        Get-IFirmaAccountingMonth | Should -Not -BeNullOrEmpty
        @(Get-IFirmaInvoice -From ([datetime]::Today.AddDays(-90)) -To ([datetime]::Today) | Select-Object -First 5).Count | Should -Be 5
    }
    It 'a key that is not hex is refused before any call, naming the parameter' {
        { Connect-IFirma -BaseUrl $f.BaseUrl -Login $f.Login -InvoiceKey (ConvertTo-SecureString 'not-hex' -AsPlainText -Force) -ErrorAction Stop } |
            Should -Throw -ErrorId 'Module.InvalidParameter*'
    }
}

Describe 'Billecta and Lime' {
    BeforeAll {
        Connect-Billecta -Credential $Sandbox.Billecta.Credential -BaseUrl $Sandbox.Billecta.ProductionUrl
        Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.ApiKey
    }
    It 'Test-BillectaConnection succeeds' {
        (Test-BillectaConnection).Success | Should -BeTrue
    }
    It 'Get-BillectaCreditor | Get-BillectaInvoice, Get-BillectaDebtor and Get-BillectaPayment bind the creditor by property name' {
        $creditor = @(Get-BillectaCreditor)[0]
        $creditor | Should -Not -BeNullOrEmpty
        @($creditor | Get-BillectaInvoice).Count | Should -BeGreaterThan 0
        @($creditor | Get-BillectaDebtor).Count | Should -BeGreaterThan 0
        { $creditor | Get-BillectaPayment -ErrorAction Stop } | Should -Not -Throw
    }
    It 'New-BillectaAuthorization | Test-BillectaAuthorization finds no defect; a hand-made value has one' {
        (New-BillectaAuthorization -Credential $Sandbox.Billecta.Credential | Test-BillectaAuthorization).Valid | Should -BeTrue
        (ConvertTo-SecureString 'Basic:abc' -AsPlainText -Force | Test-BillectaAuthorization).Valid | Should -BeFalse
    }
    It 'New-BillectaAuthorization | Set-LimeApplicationConfig -WhatIf leaves the file byte for byte' {
        $config = Join-Path $TestDrive 'application_config.yaml'
        [System.IO.File]::WriteAllText($config, "# kept`nfjordvik:`n  config:`n    other: 1`n")
        $before = [System.IO.File]::ReadAllBytes($config)
        New-BillectaAuthorization -Credential $Sandbox.Billecta.Credential | Set-LimeApplicationConfig -Path $config -Application fjordvik -Environment Test -WhatIf
        [System.IO.File]::ReadAllBytes($config) | Should -Be $before
        New-BillectaAuthorization -Credential $Sandbox.Billecta.Credential | Set-LimeApplicationConfig -Path $config -Application fjordvik -Environment Test -Confirm:$false > $null
        [System.IO.File]::ReadAllText($config) | Should -Match 'authentication'
    }
    It 'Test-LimeConnection succeeds and Get-IntegrationMonitor lists the Billecta card' {
        (Test-LimeConnection).Success | Should -BeTrue
        (Get-IntegrationMonitor billecta).Name | Should -Be 'Billecta'
    }
    It 'Remove-IntegrationMonitorLog -WhatIf deletes nothing' {
        $before = (Get-SandboxRequest lime).Count
        Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey billecta -WhatIf
        @(Get-SandboxRequest lime | Select-Object -Skip $before | Where-Object Method -eq DELETE).Count | Should -Be 0
    }
}

Describe 'Profiles, policies, onboarding and state' {
    It 'New-IntegrationProfile -WhatIf writes nothing; New, Get and Remove round-trip' {
        New-IntegrationProfile whatif Billbee -Setting @{ username = 'a@b.c' } -SecretReference @{ apiPassword = 'env:X'; apiKey = 'env:Y' } -WhatIf
        Get-IntegrationProfile whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        New-IntegrationProfile roundtrip Billbee -Setting @{ username = 'a@b.c' } -SecretReference @{ apiPassword = 'env:X'; apiKey = 'env:Y' } -Confirm:$false > $null
        (Get-IntegrationProfile roundtrip).Name | Should -Be 'roundtrip'
        Remove-IntegrationProfile roundtrip -Confirm:$false
        Get-IntegrationProfile roundtrip -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
    It 'a secret-looking setting in a profile is refused' {
        { New-IntegrationProfile leaky Billbee -Setting @{ username = 'a@b.c'; apiPassword = 'plain' } -Confirm:$false -ErrorAction Stop } | Should -Throw
    }
    It 'New-IntegrationPolicy writes a document that Test-IntegrationPolicy finds clean and Export-IntegrationPolicy renders' {
        $path = Join-Path $TestDrive 'policy.yml'
        New-IntegrationPolicy -Baseline billecta -Application fjordvik -Path $path -Confirm:$false > $null
        @(Test-IntegrationPolicy $path | Where-Object Severity -eq 'Error').Count | Should -Be 0
        Export-IntegrationPolicy $path -Format Markdown | Out-String | Should -Match '\|'
    }
    It 'Compare-IntegrationPolicy and Set-IntegrationPolicy -WhatIf run against the sandbox' {
        $path = Join-Path $TestDrive 'policy-tx.yml'
        New-IntegrationPolicy -Baseline billecta -Application fjordvik -Path $path -TripletexEmployeeId $Sandbox.Tripletex.IntegrationEmployeeId `
            -TripletexEmployee $Sandbox.Tripletex.IntegrationEmployeeName -TripletexEntitlement AUTH_ACCOUNTING_READ -Confirm:$false > $null
        $tx = Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken -PassThru
        $probe = Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.WebhookApiKey -PassThru
        $rows = @(Compare-IntegrationPolicy $path -ProbeConnection $probe -ProbeUser $Sandbox.Lime.WebhookUser -TripletexConnection $tx -ErrorAction SilentlyContinue)
        $rows.Count | Should -BeGreaterThan 0
        $checklist = Join-Path $TestDrive 'lisa.md'
        Set-IntegrationPolicy $path -TripletexConnection $tx -ChecklistPath $checklist -WhatIf -ErrorAction SilentlyContinue
        Test-Path $checklist | Should -BeFalse
    }
    It 'Invoke-IntegrationOnboarding under $ErrorActionPreference = ''Stop'' raises a terminating Onboarding.CheckFailed' {
        $env:PESTER_WRONG = 'wrong'; $env:PESTER_KEY = Plain $Sandbox.Billbee.ApiKey
        New-IntegrationProfile failing Billbee -Force -Confirm:$false -Setting @{ baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName } `
            -SecretReference @{ apiPassword = 'env:PESTER_WRONG'; apiKey = 'env:PESTER_KEY' } > $null
        $ErrorActionPreference = 'Stop'
        { Invoke-IntegrationOnboarding -Profile failing -MaxAttempts 1 > $null } | Should -Throw -ErrorId 'Onboarding.CheckFailed*'
    }
    It 'Clear-IntegrationState -WhatIf removes no checkpoint' {
        Connect-Billbee -Credential $Sandbox.Billbee.Credential -ApiKey $Sandbox.Billbee.ApiKey -BaseUrl $Sandbox.Billbee.BaseUrl
        Get-BillbeeOrder -Checkpoint pester-orders -First 2 > $null
        $checkpoints = Join-Path $env:ACCOUNTING_INTEGRATIONS_CONFIG 'checkpoints'
        $before = @(Get-ChildItem $checkpoints -File).Count
        $before | Should -BeGreaterThan 0
        Clear-IntegrationState -Checkpoint pester-orders -WhatIf
        @(Get-ChildItem $checkpoints -File).Count | Should -Be $before
        Clear-IntegrationState -Checkpoint pester-orders -Confirm:$false
        @(Get-ChildItem $checkpoints -File).Count | Should -BeLessThan $before
    }
}
