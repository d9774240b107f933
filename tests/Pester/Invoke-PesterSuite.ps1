<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) with the Pester the build fetched into out/Pester.
.DESCRIPTION
    Prints Pester's own report, then one line "Pester: N passed, N failed" for test.sh to add up; exits 1 when
    anything failed (a failed test, a failed BeforeAll/AfterAll block or a file that did not load).
        dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1 [-Path tests/Pester/Sandbox.Tests.ps1]
#>
param([string[]] $Path = $PSScriptRoot)
$ErrorActionPreference = 'Stop'
$Path = @($Path | ForEach-Object { $_ -split ',' }) # -File passes one string
$pester = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/Pester/Pester.psd1'))
if (-not (Test-Path $pester)) { throw "No Pester at ${pester}: run 'dotnet build Accounting.Integrations.sln' first (tools/Pester fetches it)." }
Import-Module $pester -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
try {
    $result = Invoke-Pester -Configuration $configuration
    $passed = $result.PassedCount
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
}
catch {
    # Pester itself broke: count it as a failure, never as nothing.
    Write-Host $_
    $passed = 0; $failed = 1
}
"Pester: $passed passed, $failed failed"
exit ([int]($failed -gt 0))
