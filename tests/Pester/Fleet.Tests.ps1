# The fleet: many processes on one machine sharing one account's budget, result files, shards and the merged dashboard.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox
    $env:PESTER_BILLBEE_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
    $env:PESTER_BILLBEE_KEY = Plain $Sandbox.Billbee.ApiKey
    function Get-SandboxRequest([string] $Service) { @(Invoke-RestMethod "$($Sandbox.Url)_sandbox/requests?service=$Service") }
    function New-BillbeeProfile([string] $Name) {
        New-IntegrationProfile $Name Billbee -Force -Confirm:$false -Setting @{
            baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName
            administratorConfirmedBy = 'Pester, checked by hand 2026-11-30'; importStateIds = '2,3'
        } -SecretReference @{ apiPassword = 'env:PESTER_BILLBEE_PASSWORD'; apiKey = 'env:PESTER_BILLBEE_KEY' } > $null
    }
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'One account, one budget, on the whole machine' {
    It '20 Start-Job processes onboarding-checking one Billbee account get no 429 and no false Fail' {
        # The issue's case: 20 jobs on one account (2 calls/s per endpoint) made 41 429s and one false Fail with a per-process limiter.
        New-BillbeeProfile shared
        $before = (Get-SandboxRequest billbee).Count
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $jobs = 1..20 | ForEach-Object {
            Start-Job -ScriptBlock {
                $env:ACCOUNTING_INTEGRATIONS_CONFIG = $using:env:ACCOUNTING_INTEGRATIONS_CONFIG
                Import-Module $using:ModuleManifest
                Invoke-IntegrationOnboarding -Profile shared -Service Billbee -ErrorAction Continue -WarningAction SilentlyContinue |
                    Select-Object Check, @{ n = 'Status'; e = { "$($_.Status)" } }, Detail
            }
        }
        $results = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors
        $watch.Stop()
        $requests = Get-SandboxRequest billbee | Select-Object -Skip $before
        Write-Host "20 jobs: $([math]::Round($watch.Elapsed.TotalSeconds, 1)) s wall, $($requests.Count) Billbee calls, $(@($requests | Where-Object Status -eq 429).Count) x 429"
        @($requests | Where-Object Status -eq 429).Count | Should -Be 0
        $jobErrors | Should -BeNullOrEmpty
        @($results | Where-Object Status -in 'Fail', 'Throttled' | ForEach-Object { "$($_.Status) $($_.Check): $($_.Detail)" }) | Should -BeNullOrEmpty
        @($results | Where-Object Check -eq 'Connection and credentials' | Where-Object Status -eq 'Pass').Count | Should -Be 20
    }
}
