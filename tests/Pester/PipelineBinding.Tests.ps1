# Issue #19: pipeline binding between every producer and consumer of the module. The table below is every binding
# there is (by property name "->", by value "=>"), each read and judged to pass a value of the same kind; a new
# binding, wanted or not, fails the first test until it is judged and added here. Then the pairs users type, run.
BeforeDiscovery {
    . $PSScriptRoot/PipelineBinding.ps1
    $Expected = Get-ExpectedBinding
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/PipelineBinding.ps1
    $Expected = Get-ExpectedBinding
    $Sandbox = Start-IntegrationSandbox # its Tripletex company has number-series findings, so every producer yields
    $Samples = Get-ProducerSample $Sandbox
    $Bindings = @(Get-PipelineBinding $Samples | Sort-Object)
    # The parameters that name a profile: only a profile or an object with a ProfileName may bind to them.
    $ProfileParameters = '(Invoke-IntegrationOnboarding -Profile|New-IntegrationProfile -Name|Remove-IntegrationProfile -Name) '
    $ProfileProducers = 'Get-IntegrationProfile', 'New-IntegrationProfile', 'Invoke-IntegrationOnboarding'
    function Get-SandboxRequest([string] $Service) { (Invoke-RestMethod "$($Sandbox.Url)_sandbox/requests?service=$Service") | Where-Object { $null -ne $_ } }
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'The binding table' {
    It 'every producer yielded a sample' {
        @($Samples.Keys | Where-Object { $null -eq $Samples[$_] }) | Should -BeNullOrEmpty
    }
    It 'binds exactly the judged pairs (no producer''s value binds to a parameter of another kind)' {
        Compare-Object ($Expected | Sort-Object) $Bindings | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
    }
    It 'binds <_>' -ForEach $Expected {
        $Bindings | Should -Contain $_
    }
    It 'no shop, customer or invoice Id binds as an order id' {
        @($Bindings | Where-Object { $_ -match '-> (Get-BillbeeOrder|Set-BillbeeOrderState) -(Id|BillbeeOrderId) ' -and $_ -notmatch '^Get-BillbeeOrder ' }) | Should -BeNullOrEmpty
        @($Bindings | Where-Object { $_ -match '\(Id\)$' }) | Should -BeNullOrEmpty
    }
    It 'no object''s Name binds as a profile name unless it is a profile' {
        # Before ProfileNameArgumentAttribute: 27 bindings of a shop's, a creditor's, a monitor's … Name to these parameters.
        $toProfile = @($Bindings | Where-Object { $_ -match " (=>|->) $ProfileParameters" })
        @($toProfile | Where-Object { ($_ -split ' ')[0] -notin $ProfileProducers }) | Should -BeNullOrEmpty
        $toProfile.Count | Should -Be 9 # the three profile producers, each to the three profile parameters
    }
    It 'no object of another kind binds as text by value' {
        @($Bindings | Where-Object { $_ -match '\(as text\)$' -and $_ -notmatch " => $ProfileParameters" }) | Should -BeNullOrEmpty
    }
}

Describe 'The pairs, run' {
    It 'Get-BillbeeShop | Get-BillbeeOrder reads that shop''s orders (the shop''s Id is never an order id)' {
        $shop = $Samples['Get-BillbeeShop']
        $orders = @($shop | Get-BillbeeOrder -First 5 -ErrorAction Stop)
        $orders.Count | Should -BeGreaterThan 0
        $orders.ShopId | Sort-Object -Unique | Should -Be $shop.Id
    }
    It 'Get-BillbeeOrder | Get-BillbeeOrder reads the same orders again' {
        $orders = @(Get-BillbeeOrder -First 3)
        ($orders | Get-BillbeeOrder -ErrorAction Stop).BillbeeOrderId | Should -Be $orders.BillbeeOrderId
    }
    It 'Get-BillbeeOrder | Set-BillbeeOrderState -WhatIf binds and sends nothing; a shop does not bind' {
        $orders = @(Get-BillbeeOrder -First 2)
        $orders | Set-BillbeeOrderState -State Shipped -WhatIf -ErrorAction Stop
        { $Samples['Get-BillbeeShop'] | Set-BillbeeOrderState -State Shipped -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound*'
        Set-BillbeeOrderState -Id $orders[0].BillbeeOrderId -State Shipped -WhatIf -ErrorAction Stop
        $orders[0].BillbeeOrderId | Set-BillbeeOrderState -State Shipped -WhatIf -ErrorAction Stop
    }
    It 'Get-TripletexInvoice | Get-TripletexCustomer reads each invoice''s customer once' {
        $invoices = @(Get-TripletexInvoice | Select-Object -First 20)
        $customers = @($invoices | Get-TripletexCustomer -ErrorAction Stop)
        @($customers.Id | Sort-Object) | Should -Be @($invoices.CustomerId | Sort-Object -Unique)
    }
    It 'New-TripletexSession | Test-TripletexConnection tests the connection that made the session' {
        $test = New-TripletexSession -Confirm:$false | Test-TripletexConnection -ErrorAction Stop
        $test.Success | Should -BeTrue
    }
    It 'Get-IntegrationMonitor | Remove-IntegrationMonitorLog -WhatIf binds each monitor''s key and deletes nothing' {
        $monitors = @(Get-IntegrationMonitor)
        $monitors.Count | Should -BeGreaterThan 1
        $output = $monitors | Remove-IntegrationMonitorLog -OlderThan 1 -WhatIf -ErrorAction Stop 6>&1
        @(Get-SandboxRequest lime | Where-Object Method -eq DELETE).Count | Should -Be 0
    }
    It 'Get-BillectaCreditor | Get-BillectaInvoice binds the creditor' {
        @($Samples['Get-BillectaCreditor'] | Get-BillectaInvoice -ErrorAction Stop).Count | Should -BeGreaterThan 0
    }
    It 'a <Kind> named like a customer''s profile removes, onboards and changes nothing' -ForEach @(
        @{ Kind = 'Billbee shop'; Read = { Get-BillbeeShop | Where-Object Name -match '^[A-Za-z0-9][A-Za-z0-9._-]*$' | Select-Object -First 1 } }
        @{ Kind = 'Lime integration monitor'; Read = { Get-IntegrationMonitor | Where-Object Name -match '^[A-Za-z0-9][A-Za-z0-9._-]*$' | Select-Object -First 1 } }
    ) {
        # Before ProfileNameArgumentAttribute this removed the customer's profile (after the confirmation prompt).
        $shop = & $Read
        $shop | Should -Not -BeNullOrEmpty
        New-IntegrationProfile $shop.Name Lime -Force -Confirm:$false -Setting @{ baseUrl = $Sandbox.Lime.BaseUrl } -SecretReference @{ apiKey = 'env:PESTER_BINDING_KEY' } > $null
        $before = (Get-SandboxRequest billbee).Count
        $err = { $shop | Remove-IntegrationProfile -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*' -PassThru
        $err.Exception.Message | Should -Match "parameter 'Name'.*not a profile.*Get-IntegrationProfile"
        { $shop | Invoke-IntegrationOnboarding -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        { $shop | New-IntegrationProfile -Service Lime -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        { Remove-IntegrationProfile -Name $shop -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        (Get-IntegrationProfile $shop.Name).Services.Keys | Should -Be 'Lime'
        (Get-SandboxRequest billbee).Count | Should -Be $before
        Remove-IntegrationProfile $shop.Name -Confirm:$false
    }
    It 'profiles, results, names and patterns still bind to the profile parameters' {
        New-IntegrationProfile binding-gone Lime -Force -Confirm:$false -Setting @{ baseUrl = $Sandbox.Lime.BaseUrl } -SecretReference @{ apiKey = 'env:PESTER_BINDING_KEY' } > $null
        Get-IntegrationProfile binding-gone | Remove-IntegrationProfile -Confirm:$false -ErrorAction Stop
        Get-IntegrationProfile binding-gone | Should -BeNullOrEmpty
        'binding-text' | New-IntegrationProfile -Service Lime -Force -Confirm:$false -Setting @{ baseUrl = $Sandbox.Lime.BaseUrl } -SecretReference @{ apiKey = 'env:PESTER_BINDING_KEY' } -ErrorAction Stop > $null
        'binding-text' | Remove-IntegrationProfile -Confirm:$false -ErrorAction Stop
        Get-IntegrationProfile binding-text | Should -BeNullOrEmpty
        $fromProfile = @(Get-IntegrationProfile binding-probe | Invoke-IntegrationOnboarding -Service Billbee -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $fromProfile.Count | Should -BeGreaterThan 0
        @($fromProfile.ProfileName | Sort-Object -Unique) | Should -Be 'binding-probe'
        # Results carry their profile: piped back, they check that customer again (once).
        $again = @($fromProfile | Invoke-IntegrationOnboarding -Service Billbee -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $again.Count | Should -Be $fromProfile.Count
        @(Invoke-IntegrationOnboarding 'binding-pro*' -Service Billbee -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).Count | Should -Be $fromProfile.Count
        [pscustomobject]@{ ProfileName = 'binding-probe' } | Invoke-IntegrationOnboarding -Service Billbee -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -Not -BeNullOrEmpty
    }
    It 'a policy file binds as a path or a file, a shop does not' {
        { $Samples['Get-BillbeeShop'] | Test-IntegrationPolicy -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        $path = Join-Path $TestDrive 'policy.yml'
        New-IntegrationPolicy -Path $path -Confirm:$false -ErrorAction SilentlyContinue > $null
        if (-not (Test-Path $path)) { Set-ItResult -Skipped -Because 'New-IntegrationPolicy needs other arguments'; return }
        $byText = @($path | Test-IntegrationPolicy)
        $byFile = @(Get-Item $path | Test-IntegrationPolicy)
        $byFile.Count | Should -Be $byText.Count
    }
    It 'Get-IntegrationConnection | Disconnect-Integration -WhatIf binds the service' {
        Get-IntegrationConnection -Service Lime | Disconnect-Integration -WhatIf -ErrorAction Stop
        Get-IntegrationConnection -Service Lime | Should -Not -BeNullOrEmpty
    }
}
