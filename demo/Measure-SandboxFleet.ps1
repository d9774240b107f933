<#
.SYNOPSIS
    Measures the sandbox as a fleet: the sandbox's memory with -Customers N, and onboarding the first -Onboard customers
    one after another in this one pwsh (wall time, service calls, 429s, results by status); with -ThrottleLimit N, all of
    them in one Invoke-IntegrationOnboarding call, N customers at a time, and -Compare M checks the first M customers'
    rows (service, check, status) against a single-profile run of each.
.DESCRIPTION
        dotnet pwsh -NoProfile -File demo/Measure-SandboxFleet.ps1 -Customers 500 -Onboard 50
        dotnet pwsh -NoProfile -File demo/Measure-SandboxFleet.ps1 -Customers 500 -Onboard 500 -ThrottleLimit 32 -Compare 20
    The sandbox's resident memory is read from /proc (Linux) or the process object, at start and after the run.
    Calls and 429s are the sandbox's own request log. Nothing secret is printed.
#>
[CmdletBinding()]
param([int] $Customers = 500, [int] $Onboard = 50, [int] $ThrottleLimit = 0, [int] $Compare = 0)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/Accounting.Integrations/Accounting.Integrations.psd1"
. "$PSScriptRoot/SandboxCustomerProfiles.ps1"
$env:ACCOUNTING_INTEGRATIONS_CONFIG = [System.IO.Directory]::CreateTempSubdirectory('ai-fleet-').FullName
function Rss([int] $id) {
    $p = Get-Process -Id $id; $p.Refresh()
    [pscustomobject]@{ RssMB = [math]::Round($p.WorkingSet64 / 1MB); PeakMB = [math]::Round($p.PeakWorkingSet64 / 1MB) }
}
$http = [System.Net.Http.HttpClient]::new()
$started = [System.Diagnostics.Stopwatch]::StartNew()
$sandbox = Start-IntegrationSandbox -Customers $Customers -TimeoutSec 300
$startSeconds = $started.Elapsed.TotalSeconds
try {
    $atStart = Rss $sandbox.ProcessId
    $making = [System.Diagnostics.Stopwatch]::StartNew()
    $names = $sandbox.Customers | Select-Object -First $Onboard | New-SandboxCustomerProfile
    $profileSeconds = $making.Elapsed.TotalSeconds
    $null = $http.DeleteAsync("$($sandbox.Url)_sandbox/requests").GetAwaiter().GetResult()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $results = if ($ThrottleLimit -gt 0) { Invoke-IntegrationOnboarding -Profile $names -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue }
               else { foreach ($name in $names) { Invoke-IntegrationOnboarding -Profile $name -ErrorAction SilentlyContinue } }
    $wall = $watch.Elapsed.TotalSeconds
    $log = $http.GetStringAsync("$($sandbox.Url)_sandbox/requests").GetAwaiter().GetResult() | ConvertFrom-Json
    # Each compared customer's rows from the fleet run against a run of that customer alone.
    $rows = { param($r) ($r | ForEach-Object { "$($_.Service)|$($_.Check)|$($_.Status)" }) -join "`n" }
    $differing = @(foreach ($name in @($names) | Select-Object -First $Compare) {
        $alone = Invoke-IntegrationOnboarding -Profile $name -ErrorAction SilentlyContinue
        if ((& $rows ($results | Where-Object Profile -eq $name)) -ne (& $rows $alone)) { $name }
    })
    $after = Rss $sandbox.ProcessId
    [pscustomobject]@{
        Customers = $Customers; ProfileSeconds = [math]::Round($profileSeconds, 1); StartSeconds = [math]::Round($startSeconds, 1)
        SandboxRssAtStartMB = $atStart.RssMB; SandboxRssAfterMB = $after.RssMB; SandboxPeakMB = $after.PeakMB
        Onboarded = @($names).Count; WallSeconds = [math]::Round($wall, 1); SecondsPerCustomer = [math]::Round($wall / [math]::Max(1, @($names).Count), 2)
        Calls = @($log).Count; Status429 = @($log | Where-Object status -eq 429).Count
        CustomersWithFail = @($results | Where-Object Status -eq Fail | Select-Object -ExpandProperty Profile -Unique).Count
        Statuses = ($results | Group-Object Status | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' '
        ThrottleLimit = $ThrottleLimit; Compared = [math]::Min($Compare, @($names).Count); DifferingFromSingleRun = $differing -join ','
        PwshPeakMB = [math]::Round([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
    }
}
finally { $sandbox | Stop-IntegrationSandbox }
