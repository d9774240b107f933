<#
.SYNOPSIS
    Builds the module folder (out/Accounting.Integrations) and runs the tests, from pwsh (also on Windows).
.DESCRIPTION
    What ./test.sh does: `dotnet build` of the solution assembles the module, its dependencies, help and
    sandbox and fetches Pester; `dotnet test` runs the xUnit suites; tests/Pester/Invoke-PesterSuite.ps1 the
    Pester suite in this pwsh.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Configuration Release -SkipTests
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $SkipTests
)

$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    dotnet build Accounting.Integrations.sln --configuration $Configuration
    if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
    Test-ModuleManifest ./out/Accounting.Integrations/Accounting.Integrations.psd1 | Out-Null
    if (-not $SkipTests) {
        dotnet test Accounting.Integrations.sln --configuration $Configuration --no-build
        if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)." }
        # This pwsh again; under `dotnet pwsh` the process is dotnet running pwsh.dll.
        $pwsh = @([System.Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File ./tests/Pester/Invoke-PesterSuite.ps1
        if ($LASTEXITCODE) { throw "The Pester suite failed ($LASTEXITCODE)." }
    }
    "Module ready: $(Join-Path $PSScriptRoot 'out/Accounting.Integrations')"
}
finally {
    Pop-Location
}
