# Issue #19 as a user meets it in pwsh against the sandbox: Invoke-<Service>Request for what the module has no
# cmdlet for, connections that can be seen and ended, and no secret in any stream or serialised object.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox
    function Get-SandboxRequest([string] $Service) {
        $log = Invoke-RestMethod "$($Sandbox.Url)_sandbox/requests?service=$Service"
        $log | Where-Object { $null -ne $_ } # the JSON array comes as one object: enumerated here, so that @() of an empty log counts 0
    }
    # The log keeps the latest requests only: a count is taken from an emptied log, never as a difference.
    function Clear-SandboxRequest { Invoke-RestMethod -Method Delete "$($Sandbox.Url)_sandbox/requests" > $null }
    function Add-SandboxFault([hashtable] $Rule) {
        Invoke-RestMethod -Method Post "$($Sandbox.Url)_sandbox/faults" -ContentType 'application/json' -Body ($Rule | ConvertTo-Json) > $null
    }
    function Connect-Everything {
        Connect-Billbee -Credential $Sandbox.Billbee.Credential -ApiKey $Sandbox.Billbee.ApiKey -BaseUrl $Sandbox.Billbee.BaseUrl -WarningAction SilentlyContinue
        Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken
        $f = $Sandbox.IFirma
        Connect-IFirma -BaseUrl $f.BaseUrl -Login $f.Login -InvoiceKey $f.InvoiceKey -BillKey $f.BillKey -SubscriberKey $f.SubscriberKey -ExpenseKey $f.ExpenseKey
        Connect-Billecta -Credential $Sandbox.Billecta.Credential -BaseUrl $Sandbox.Billecta.ProductionUrl
        Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.ApiKey
    }
    # Every secret of the sandbox's accounts in the forms a leak would take: plain, and Basic's base64 of user:password.
    $Secrets = @(
        (Plain $Sandbox.Billbee.Credential.Password), (Plain $Sandbox.Billbee.ApiKey),
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Sandbox.Billbee.Credential.UserName + ':' + (Plain $Sandbox.Billbee.Credential.Password))),
        (Plain $Sandbox.Tripletex.ConsumerToken), (Plain $Sandbox.Tripletex.EmployeeToken),
        (Plain $Sandbox.IFirma.InvoiceKey), (Plain $Sandbox.IFirma.BillKey), (Plain $Sandbox.IFirma.SubscriberKey), (Plain $Sandbox.IFirma.ExpenseKey),
        (Plain $Sandbox.Billecta.Credential.Password),
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Sandbox.Billecta.Credential.UserName + ':' + (Plain $Sandbox.Billecta.Credential.Password))),
        (Plain $Sandbox.Lime.ApiKey)
    ) | Where-Object { $_.Length -ge 6 }
    function Find-Secret([string] $Text) { @($Secrets | Where-Object { $Text.Contains($_) }).Count }
    Connect-Everything
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'Invoke-<Service>Request reads what the module has no cmdlet for' {
    It 'Invoke-BillbeeRequest shipment/ping answers as PSCustomObject, counted by the limiter' {
        $before = (Get-IntegrationConnection -Service Billbee).CallsSent
        $ping = Invoke-BillbeeRequest shipment/ping
        $ping | Should -BeOfType [pscustomobject]
        (Get-IntegrationConnection -Service Billbee).CallsSent | Should -Be ($before + 1)
        (Get-SandboxRequest billbee)[-1].Path | Should -BeLike '*/shipment/ping'
    }
    It 'Invoke-TripletexRequest reads whoAmI with the connection''s session' {
        $who = (Invoke-TripletexRequest 'token/session/>whoAmI').value
        $who.employee.displayName | Should -Be (Test-TripletexConnection).User
        $who.company.name | Should -Not -BeNullOrEmpty
    }
    It 'Invoke-IFirmaRequest searches contractors, signed with the faktura key; Kod 208 is IFirma.NotFound' {
        $found = (Invoke-IFirmaRequest kontrahenci/Kontrahent.json).Wynik
        @($found).Count | Should -Be 20
        $found[0].NIP | Should -Match '^\d+$'
        { Invoke-IFirmaRequest kontrahenci/nobody-by-this-name.json -ErrorAction Stop } | Should -Throw -ErrorId 'IFirma.NotFound*'
    }
    It 'Invoke-BillectaRequest reads common/currencies (an array, written item by item) and one invoice action' {
        $currencies = @(Invoke-BillectaRequest common/currencies)
        $currencies.CurrencyCode | Should -Contain 'SEK'
        $invoice = Get-BillectaCreditor | Select-Object -First 1 | Get-BillectaInvoice | Select-Object -First 1
        (Invoke-BillectaRequest "invoice/action/$($invoice.ActionPublicId)").InvoiceNumber | Should -Be $invoice.InvoiceNumber
    }
    It 'Invoke-LimeRequest reads admin/users/ (no cmdlet) page by page with -All' {
        Clear-SandboxRequest
        $users = @(Invoke-LimeRequest admin/users/ -Query @{ _limit = 1 } -All)
        $users.Count | Should -BeGreaterThan 2
        @($users.username | Sort-Object -Unique).Count | Should -Be $users.Count
        @(Get-SandboxRequest lime | Where-Object Path -like '*/admin/users/').Count | Should -Be ($users.Count + 1) # a page per user, and the empty one after the last full page
    }
}

Describe 'Invoke-<Service>Request -All streams the service''s paging; -First stops it' {
    It 'Billbee: -All reads every shop; -First 1 reads one page only' {
        @(Invoke-BillbeeRequest shopaccounts -All).Count | Should -Be @(Get-BillbeeShop).Count
    }
    It 'Tripletex: -All -First 5 makes one call, and -All reads past the first 1000' {
        Clear-SandboxRequest
        @(Invoke-TripletexRequest customer -Query @{ fields = 'id,name' } -All -First 5).Count | Should -Be 5
        @(Get-SandboxRequest tripletex | Where-Object Path -like '*/customer').Count | Should -BeLessOrEqual 2 # the page and at most the one fetched ahead
        $all = @(Invoke-TripletexRequest customer -Query @{ fields = 'id' } -All)
        $all.Count | Should -BeGreaterThan 1000
        @($all.id | Sort-Object -Unique).Count | Should -Be $all.Count
    }
    It 'iFirma: -All reads every invoice of the year as Get-IFirmaInvoice does' {
        $from = [datetime]::Today.AddDays(-365).ToString('yyyy-MM-dd'); $to = [datetime]::Today.ToString('yyyy-MM-dd')
        @(Invoke-IFirmaRequest faktury.json -Query @{ dataOd = $from; dataDo = $to } -All).Count | Should -Be @(Get-IFirmaInvoice -From $from -To $to).Count
    }
    It 'Billecta: -All -Skip 10 -First 5 gives the 11th to 15th debtor' {
        $creditor = (Get-BillectaCreditor)[0].CreditorPublicId
        $all = @(Invoke-BillectaRequest "debtors/debtors/$creditor" -All)
        $all.Count | Should -Be @(Get-BillectaDebtor -CreditorPublicId $creditor).Count
        (Invoke-BillectaRequest "debtors/debtors/$creditor" -All -Skip 10 -First 5).DebtorPublicId | Should -Be ($all[10..14].DebtorPublicId)
    }
    It '-IncludeTotalCount: the service''s total first where it gives one, else the count read (exact only to the end), unknown for one answer' {
        # Tripletex's fullResultSize, before the first item, although -First stops the read after five.
        $customers = @(Invoke-TripletexRequest customer -Query @{ fields = 'id' } -All).Count
        $five = @(Invoke-TripletexRequest customer -Query @{ fields = 'id' } -All -First 5 -IncludeTotalCount)
        $five.Count | Should -Be 6
        $five[0].ToString() | Should -Be "Total count: $customers"
        $shops = @(Invoke-BillbeeRequest shopaccounts -All -IncludeTotalCount)
        $shops[0].ToString() | Should -Be "Total count: $($shops.Count - 1)"
        # Billecta's lists give no total: the count read, written at the end.
        $creditor = (Get-BillectaCreditor)[0].CreditorPublicId
        $debtors = @(Invoke-BillectaRequest "debtors/debtors/$creditor" -All -IncludeTotalCount)
        $debtors[-1].ToString() | Should -Be "Total count: $($debtors.Count - 1)"
        @(Invoke-BillectaRequest "debtors/debtors/$creditor" -All -First 1 -IncludeTotalCount)[-1].ToString() | Should -Be 'Unknown total count'
        # One answer is not a list the module can count.
        @(Invoke-LimeRequest 'admin/users/' -IncludeTotalCount)[0].ToString() | Should -Be 'Unknown total count'
    }
    It 'a pager key in -Query is refused with -All, naming the parameter' {
        Invoke-TripletexRequest customer -Query @{ from = 5 } -All -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'Module.InvalidParameter*'
        $failure[0].Exception.Message | Should -Match 'from'
    }
}

Describe 'Invoke-<Service>Request: writes, bad input' {
    It '-WhatIf on a POST sends nothing' {
        Clear-SandboxRequest
        Invoke-BillbeeRequest -Method POST -Path orders/1/tags -Body @{ Tags = @('checked') } -WhatIf
        @(Get-SandboxRequest billbee).Count | Should -Be 0
    }
    It 'a POST answered 500 is sent once and fails as Billbee.OutcomeUnknown; a 429 is retried' {
        $order = Get-BillbeeOrder -First 1
        $path = "orders/$($order.BillbeeOrderId)/tags"
        Add-SandboxFault @{ kind = '500'; service = 'billbee'; method = 'POST'; path = '/tags'; count = 1 }
        Clear-SandboxRequest
        $before = 0
        { Invoke-BillbeeRequest -Method POST -Path $path -Body @{ Tags = @('once') } -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Billbee.OutcomeUnknown*'
        @(Get-SandboxRequest billbee | Where-Object Method -eq POST).Count | Should -Be ($before + 1)
        Add-SandboxFault @{ kind = '429'; service = 'billbee'; method = 'POST'; path = '/tags'; count = 1; retryAfter = 0 }
        Invoke-BillbeeRequest -Method POST -Path $path -Body '{"Tags":["twice"]}' -Confirm:$false -WarningAction SilentlyContinue > $null
        @(Get-SandboxRequest billbee | Where-Object Method -eq POST).Count | Should -Be ($before + 3)
    }
    It 'a path outside the base URL is refused before any call' {
        Clear-SandboxRequest
        { Invoke-BillbeeRequest -Path 'https://evil.example/x' -ErrorAction Stop } | Should -Throw -ErrorId 'Module.InvalidParameter*'
        { Invoke-BillbeeRequest -Path '//evil.example/x' -ErrorAction Stop } | Should -Throw -ErrorId 'Module.InvalidParameter*'
        @(Get-SandboxRequest billbee).Count | Should -Be 0
    }
    It 'a service error keeps its ErrorId (Billbee.NotFound for an unknown order)' {
        { Invoke-BillbeeRequest orders/1 -ErrorAction Stop } | Should -Throw -ErrorId 'Billbee.NotFound*'
    }
}

Describe 'Secret canary over every stream of Invoke-<Service>Request' {
    It 'no secret in output, errors, warnings, -Verbose or -Debug of any of the five' {
        $streams = & {
            Invoke-BillbeeRequest shipment/ping -Verbose -Debug
            Invoke-BillbeeRequest orders/1 -Verbose -Debug -ErrorAction Continue
            Invoke-TripletexRequest 'token/session/>whoAmI' -Verbose -Debug
            Invoke-IFirmaRequest kontrahenci/Kontrahent.json -Verbose -Debug
            Invoke-IFirmaRequest kontrahenci/nobody.json -Verbose -Debug -ErrorAction Continue
            Invoke-BillectaRequest common/currencies -Verbose -Debug
            Invoke-LimeRequest admin/users/ -Query @{ _limit = 100 } -All -First 3 -Verbose -Debug
        } *>&1 -DebugAction Continue
        $records = @($streams)
        $records.Count | Should -BeGreaterThan 20
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 5
        $text = ($records | ForEach-Object { if ($_ -is [psobject] -and $_ -isnot [string] -and $_.PSObject.BaseObject -is [pscustomobject]) { $_ | ConvertTo-Json -Depth 10 -Compress } else { "$_" } }) -join "`n"
        Find-Secret $text | Should -Be 0
        $Secrets.Count | Should -BeGreaterThan 8
    }
}

Describe 'Get-IntegrationConnection and Disconnect-Integration' {
    It 'lists every connected service with account, environment, base URL and limiter numbers' {
        $all = @(Get-IntegrationConnection)
        @($all.Service | Sort-Object) | Should -Be @('Billbee', 'Billecta', 'IFirma', 'Lime', 'Tripletex')
        $billbee = $all | Where-Object Service -eq Billbee
        $billbee.Account | Should -Be $Sandbox.Billbee.Credential.UserName
        $billbee.BaseUrl | Should -Be $Sandbox.Billbee.BaseUrl
        $billbee.CallsPerSecond | Should -BeGreaterThan 0
        $billbee.RateLimits | Should -Match '2 calls/s'
        ($all | Where-Object Service -eq Tripletex).Environment | Should -Be 'Test'
        ($all | Where-Object Service -eq Billecta).Account | Should -Be $Sandbox.Billecta.Credential.UserName
    }
    It 'ConvertTo-Json -Depth 5 holds no secret, no delegate and no limiter internals' {
        Invoke-TripletexRequest 'token/session/>whoAmI' > $null # a live session
        $json = Get-IntegrationConnection | ConvertTo-Json -Depth 5
        Find-Secret $json | Should -Be 0
        $json | Should -Not -Match '"(Authenticate|Delegate|Method|Target|Throttle|Limiter|Parent|Clock|Transport|Client|Options|Rules)"\s*:'
        $names = (Get-IntegrationConnection | Select-Object -First 1).PSObject.Properties.Name
        $names | Should -Be @('Service', 'Account', 'Environment', 'BaseUrl', 'Authentication', 'SessionId', 'SessionExpiresAt', 'RateLimited', 'CallsSent', 'CallsPerSecond', 'RateLimits')
        (Get-IntegrationConnection -Service Tripletex).SessionExpiresAt | Should -BeGreaterThan ([datetimeoffset]::Now)
    }
    It 'Disconnect-Integration -WhatIf changes nothing; Disconnect deletes the Tripletex session and forgets the default' {
        Invoke-TripletexRequest 'token/session/>whoAmI' > $null
        Get-IntegrationConnection -Service Tripletex | Disconnect-Integration -WhatIf
        (Get-IntegrationConnection -Service Tripletex) | Should -Not -BeNullOrEmpty
        Clear-SandboxRequest
        Get-IntegrationConnection -Service Tripletex | Disconnect-Integration -Confirm:$false
        @(Get-SandboxRequest tripletex | Where-Object Method -eq DELETE).Count | Should -Be 1
        Get-IntegrationConnection -Service Tripletex | Should -BeNullOrEmpty
        { Get-TripletexCustomer -ErrorAction Stop } | Should -Throw -ErrorId 'Module.NotConnected*'
        @(Get-IntegrationConnection).Count | Should -Be 4
        Disconnect-Integration -Confirm:$false
        @(Get-IntegrationConnection).Count | Should -Be 0
        Connect-Everything
    }
}

Describe '-First and -Skip on every streamed read' {
    BeforeDiscovery {
        $Reads = @(
            @{ Command = 'Get-BillbeeShop'; Arguments = @{}; Key = 'Id' }
            @{ Command = 'Get-BillbeeOrder'; Arguments = @{}; Key = 'BillbeeOrderId' }
            @{ Command = 'Get-TripletexCustomer'; Arguments = @{}; Key = 'Id' }
            @{ Command = 'Get-TripletexInvoice'; Arguments = @{}; Key = 'Id' }
            @{ Command = 'Get-TripletexEntitlement'; Arguments = @{}; Key = 'Id' }
            @{ Command = 'Get-IFirmaInvoice'; Arguments = @{ From = [datetime]::Today.AddDays(-365); To = [datetime]::Today }; Key = 'Id' }
            @{ Command = 'Get-BillectaCreditor'; Arguments = @{}; Key = 'CreditorPublicId' }
            @{ Command = 'Get-IntegrationMonitor'; Arguments = @{}; Key = 'Id' }
        )
    }
    It '<Command> -First 2 writes two; -Skip 1 -First 1 writes the second' -ForEach $Reads {
        (Get-Command $Command).Parameters.Keys | Should -Contain 'First'
        $two = @(& $Command @Arguments -First 2)
        $two.Count | Should -Be 2
        (& $Command @Arguments -Skip 1 -First 1).$Key | Should -Be $two[1].$Key
    }
    It 'Get-BillectaDebtor -First counts over every piped creditor; Get-BillectaInvoice and Get-BillectaPayment page too' {
        @(Get-BillectaCreditor | Get-BillectaDebtor -First 3).Count | Should -Be 3
        @(Get-BillectaCreditor | Get-BillectaInvoice -First 2).Count | Should -Be 2
        (Get-Command Get-BillectaPayment).Parameters.Keys | Should -Contain 'Skip'
    }
    It '-IncludeTotalCount writes the count at the end, exact when the read ran to its end' {
        $all = @(Get-BillbeeShop)
        $withTotal = @(Get-BillbeeShop -IncludeTotalCount)
        $withTotal[-1].ToString() | Should -Match "Total count: $($all.Count)"
    }
}

Describe 'Completion' {
    It '<Line> completes <Expected>' -ForEach @(
        @{ Line = 'Get-BillbeeOrder -State Versen'; Expected = 'Versendet' }
        @{ Line = 'Set-BillbeeOrderState -State Bezah'; Expected = 'Bezahlt' }
        @{ Line = 'Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey '; Expected = 'live' }
        @{ Line = 'Get-IntegrationMonitor -IntegrationKey '; Expected = 'live' }
        @{ Line = 'Get-BillbeeOrder -ShopId '; Expected = 'shop' }
    ) {
        $matches = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        switch ($Expected) {
            'live' { $matches.CompletionText | Should -Be @(Get-IntegrationMonitor | ForEach-Object IntegrationKey | Where-Object { $_ } | Sort-Object -Unique | ForEach-Object { if ($_ -match '^[\w-]+$') { $_ } else { "'$_'" } }) }
            'shop' { @($matches.CompletionText) | Should -Be @((Get-BillbeeShop).Id | ForEach-Object { "$_" }) }
            default { $matches.CompletionText | Should -Contain $Expected }
        }
    }
    It 'profile names complete on every -Profile parameter' {
        New-IntegrationProfile -Name 'ecosystem-probe' -Service Lime -Setting @{ baseUrl = 'https://crm.example.test/app/api/v1/' } -ErrorAction SilentlyContinue > $null
        if (-not (Get-IntegrationProfile -Name 'ecosystem-probe' -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'New-IntegrationProfile needs other arguments here' }
        foreach ($line in 'Connect-Billbee -Profile eco', 'Connect-Tripletex -Profile eco', 'Connect-IFirma -Profile eco', 'Connect-Billecta -Profile eco', 'Connect-Lime -Profile eco', 'Invoke-IntegrationOnboarding -Profile eco', 'Remove-IntegrationProfile -Name eco') {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'ecosystem-probe' -Because $line
        }
    }
}

Describe 'Export-friendly output' {
    BeforeAll {
        . $PSScriptRoot/PipelineBinding.ps1
        # One object of every output type the sandbox can give: the pipeline table's producers and the rest.
        $Exported = Get-ProducerSample $Sandbox
        $more = [ordered]@{
            'Test-TripletexConnection' = { Test-TripletexConnection }
            'Test-IFirmaConnection' = { Test-IFirmaConnection }
            'Test-BillectaConnection' = { Test-BillectaConnection }
            'Test-LimeConnection' = { Test-LimeConnection }
            'Get-BillbeeApiUsage' = { Get-BillbeeApiUsage }
            'Get-TripletexClientCompany' = { Get-TripletexClientCompany }
            'Get-TripletexSalesModule' = { Get-TripletexSalesModule }
            'Get-LimeLimetype' = { Get-LimeLimetype -Name integration_monitor }
            'Get-IntegrationGuideStep' = { Get-IntegrationGuideStep }
            'Get-BillectaWebhookSetup' = { Get-BillectaWebhookSetup }
            'Get-BillbeeWebhook' = { Get-BillbeeWebhook }
            'Test-IntegrationPolicy' = { $p = Join-Path $TestDrive 'bad.yml'; Set-Content $p "lime:`n  groups:`n    x: 1"; Test-IntegrationPolicy $p }
            'Compare-IntegrationPolicy' = { $p = Join-Path $TestDrive 'policy.yml'; New-IntegrationPolicy -Path $p -Confirm:$false > $null; Compare-IntegrationPolicy $p -WarningAction SilentlyContinue }
            'Remove-IntegrationMonitorLog' = { Get-IntegrationMonitor | Remove-IntegrationMonitorLog -OlderThan 3650 -Confirm:$false }
            'Invoke-IntegrationOnboarding -Strict' = { Invoke-IntegrationOnboarding binding-probe -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        }
        foreach ($name in $more.Keys) {
            try { $Exported[$name] = & $more[$name] -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 2>$null | Select-Object -First 3 } catch { }
        }
        $Produced = @($Exported.Keys | Where-Object { $null -ne $Exported[$_] })
        # A property whose .NET type ConvertTo-Json writes badly, anywhere in the object (public properties by reflection, as it reads them).
        function Find-BadExportType([type] $Type, [string] $Path, [int] $Depth) {
            if ($Depth -gt 4 -or $Type.IsPrimitive -or $Type -in [string], [decimal], [datetime], [datetimeoffset], [guid], [uri]) { return }
            foreach ($p in $Type.GetProperties([Reflection.BindingFlags]'Instance,Public')) {
                if ($p.GetIndexParameters().Count -gt 0) { continue }
                $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
                if ($t.IsEnum -or $t -eq [timespan] -or [Delegate].IsAssignableFrom($t)) { "$Path.$($p.Name) ($($t.Name))" }
                elseif ($t.Namespace -like 'Accounting.Integrations*') { Find-BadExportType $t "$Path.$($p.Name)" ($Depth + 1) }
            }
        }
    }
    It 'the sandbox produced <_>' -ForEach @('Invoke-IntegrationOnboarding', 'Test-LimeConnection', 'Get-IntegrationProfile', 'Connect-Tripletex', 'Connect-Billecta', 'Compare-IntegrationPolicy') {
        $Produced | Should -Contain $_
    }
    It 'ConvertTo-Json -Depth 5 of every output writes enums as names, TimeSpans as text, no client, limiter or delegate, no secret' {
        $problems = foreach ($name in $Produced) {
            foreach ($item in @($Exported[$name])) {
                $json = $item | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
                Find-BadExportType $item.PSObject.BaseObject.GetType() $name 0
                foreach ($p in $item.PSObject.Properties) { if ($p.IsGettable -and $p.Value -is [enum]) { "$name.$($p.Name) is an enum" } }
                if ($json -match '"(Ticks|TotalMilliseconds|Client|Transport|Throttle|Limiter\w*Rules)"\s*:') { "$name has $($Matches[0])" }
                if (Find-Secret $json) { "$name has a secret" }
            }
        }
        $Produced.Count | Should -BeGreaterThan 35
        $problems | Should -BeNullOrEmpty
    }
    It 'enums read as their names and TimeSpans as text that converts back' {
        $result = @($Exported['Invoke-IntegrationOnboarding'])[0]
        $json = $result | ConvertTo-Json | ConvertFrom-Json
        $json.Status | Should -BeIn ([enum]::GetNames((Get-Command Invoke-IntegrationOnboarding).Parameters['FailOn'].ParameterType.GetElementType()))
        $result.Status | Should -Be $json.Status
        [timespan]$json.Duration | Should -BeOfType [timespan]
        $test = Test-LimeConnection
        ([timespan]($test | ConvertTo-Json | ConvertFrom-Json).Latency).TotalMilliseconds | Should -BeGreaterThan 0
        (Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken -PassThru).Environment | Should -Be 'Test'
    }
    It 'Export-Csv of every output has no .NET type name in any cell (dictionaries and lists as one readable cell)' {
        $problems = foreach ($name in $Produced) {
            $csv = @($Exported[$name]) | ConvertTo-Csv -NoTypeInformation -WarningAction SilentlyContinue
            if (($csv -join "`n") -match 'System\.[A-Z][\w.`]*') { "${name}: $($Matches[0])" }
            if (Find-Secret ($csv -join "`n")) { "$name has a secret" }
        }
        $problems | Should -BeNullOrEmpty
        $profileRow = $Exported['Get-IntegrationProfile'] | ConvertTo-Csv | ConvertFrom-Csv
        $profileRow.Services | Should -Be 'Billbee'
        $profileRow.ProfileName | Should -Be 'binding-probe'
    }
    It 'objects carry a short type name usable in [PSTypeName()]' {
        $order = Get-BillbeeOrder -First 1
        $order.PSTypeNames[0] | Should -Be 'Accounting.BillbeeOrder'
        function Use-Order([PSTypeName('Accounting.BillbeeOrder')] $Order) { $Order.BillbeeOrderId }
        Use-Order $order | Should -Be $order.BillbeeOrderId
        { Use-Order (Get-BillbeeShop | Select-Object -First 1) } | Should -Throw
        (Get-TripletexInvoice | Select-Object -First 1).PSTypeNames[0] | Should -Be 'Accounting.TripletexInvoice'
        (Test-LimeConnection).PSTypeNames[0] | Should -Be 'Accounting.ConnectionTestResult'
        (Get-IntegrationConnection | Select-Object -First 1).PSTypeNames[0] | Should -Be 'Accounting.IntegrationConnectionInfo'
    }
    It 'a Billbee order''s Tags export to CSV as the tags, not System.String[]' {
        $tagged = Get-BillbeeOrder | Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 1
        $tagged | Should -Not -BeNullOrEmpty
        $csv = $tagged | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Tags | Should -Be ($tagged.Tags -join ', ')
        ($tagged | ConvertTo-Json -Compress) | Should -Match '"Tags":\['
    }
}
