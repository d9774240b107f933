<#
.SYNOPSIS
    Measures the sandbox as a fleet: the sandbox's memory with -Customers N, and onboarding the first -Onboard customers
    one after another in this one pwsh (wall time, service calls, 429s, results by status); with -ThrottleLimit N, all of
    them in one Invoke-IntegrationOnboarding call, N customers at a time, and -Compare M checks the first M customers'
    results (service, check, status, detail and fix) against a single-profile run of each (-Compare 500: every one).
.DESCRIPTION
        dotnet pwsh -NoProfile -File demo/Measure-SandboxFleet.ps1 -Customers 500 -Onboard 50
        dotnet pwsh -NoProfile -File demo/Measure-SandboxFleet.ps1 -Customers 500 -Onboard 500 -ThrottleLimit 32 -Compare 500
    The profiles are made with one Import-IntegrationProfile (ProfileSeconds). The sandbox's resident memory is read
    from /proc (Linux) or the process object, at start and after the run; CPU seconds of this pwsh and of the sandbox
    are those spent during the onboarding run. The single-profile runs of -Compare run after the timed run, each its
    own Invoke-IntegrationOnboarding -Profile <one name>, -CompareThrottleLimit of them side by side in runspaces.
    Calls and 429s are the sandbox's own request log. Nothing secret is printed.
#>
[CmdletBinding()]
param([int] $Customers = 500, [int] $Onboard = 50, [int] $ThrottleLimit = 0, [int] $Compare = 0, [int] $CompareThrottleLimit = 8)

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/Accounting.Integrations/Accounting.Integrations.psd1"
. "$PSScriptRoot/SandboxCustomerProfiles.ps1"
$env:ACCOUNTING_INTEGRATIONS_CONFIG = [System.IO.Directory]::CreateTempSubdirectory('ai-fleet-').FullName
function Cpu([int] $id) { $p = Get-Process -Id $id; $p.Refresh(); $p.TotalProcessorTime.TotalSeconds }
# What a result is, without its timing: the same customer checked twice must give the same status, detail and fix. Three
# figures are the services' own counters and move between two runs of one customer, so only they are masked: Billbee's
# and iFirma's calls used (they count the earlier run's calls too) and Tripletex's session number (one per session).
function Get-Finding { process {
    $detail = switch ("$($_.Service)/$($_.Check)") {
        'Billbee/API usage' { $_.Detail -replace '[\d,. ]+', '#' }
        'IFirma/API limit' { $_.Detail -replace '\b\d+ of (\d+) calls used', '# of $1 calls used' }
        'Tripletex/Session' { $_.Detail -replace '^Session \d+ ', 'Session # ' }
        default { $_.Detail }
    }
    "$($_.Profile)|$($_.Service)|$($_.Check)|$($_.Status)|$detail|$($_.Fix)" } }
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
    $cpuBefore = (Cpu $PID), (Cpu $sandbox.ProcessId)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $results = if ($ThrottleLimit -gt 0) { Invoke-IntegrationOnboarding -Profile $names -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
               else { foreach ($name in $names) { Invoke-IntegrationOnboarding -Profile $name -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } }
    $wall = $watch.Elapsed.TotalSeconds
    $cpu = ((Cpu $PID) - $cpuBefore[0]), ((Cpu $sandbox.ProcessId) - $cpuBefore[1])
    $pwshPeak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    $load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' }
    $log = $http.GetStringAsync("$($sandbox.Url)_sandbox/requests").GetAwaiter().GetResult() | ConvertFrom-Json
    # Each compared customer's results from the fleet run against a run of that customer alone (after the timed run).
    $compared = @(@($names) | Select-Object -First $Compare)
    $manifest = (Get-Module Accounting.Integrations).Path
    $alone = $compared | ForEach-Object -ThrottleLimit $CompareThrottleLimit -Parallel {
        if (-not (Get-Module Accounting.Integrations)) { Import-Module $using:manifest }
        Invoke-IntegrationOnboarding -Profile $_ -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }
    $fleetBy = $results | Group-Object Profile -AsHashTable -AsString
    $aloneBy = $alone | Group-Object Profile -AsHashTable -AsString
    $differing = @(foreach ($name in $compared) {
        if ((($fleetBy[$name] | Get-Finding) -join "`n") -ne (($aloneBy[$name] | Get-Finding) -join "`n")) { $name }
    })
    if ($differing) {
        # The first differing customer's lines, to see what differs (results hold no secret).
        $first = $differing[0]
        Compare-Object @($fleetBy[$first] | Get-Finding) @($aloneBy[$first] | Get-Finding) | ForEach-Object { Write-Verbose "$first $($_.SideIndicator -replace '<=', 'fleet' -replace '=>', 'alone'): $($_.InputObject)" -Verbose }
    }
    $after = Rss $sandbox.ProcessId
    [pscustomobject]@{
        Customers = $Customers; ProfileSeconds = [math]::Round($profileSeconds, 1); StartSeconds = [math]::Round($startSeconds, 1)
        SandboxRssAtStartMB = $atStart.RssMB; SandboxRssAfterMB = $after.RssMB; SandboxPeakMB = $after.PeakMB
        Onboarded = @($names).Count; WallSeconds = [math]::Round($wall, 1); SecondsPerCustomer = [math]::Round($wall / [math]::Max(1, @($names).Count), 3)
        PwshCpuSeconds = [math]::Round($cpu[0], 1); SandboxCpuSeconds = [math]::Round($cpu[1], 1); LoadAverage = $load
        Calls = @($log).Count; Status429 = @($log | Where-Object status -eq 429).Count
        CustomersWithFail = @($results | Where-Object Status -eq Fail | Select-Object -ExpandProperty Profile -Unique).Count
        Statuses = ($results | Group-Object Status | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' '
        ThrottleLimit = $ThrottleLimit; Compared = $compared.Count; IdenticalToSingleRun = $compared.Count - $differing.Count
        DifferingFromSingleRun = $differing -join ','
        PwshPeakMB = [math]::Round($pwshPeak / 1MB)
    }
}
finally { $sandbox | Stop-IntegrationSandbox }
