<#
.SYNOPSIS
    Builds the module folder (out/Accounting.Integrations) and runs the tests, for people with pwsh.
.DESCRIPTION
    The same as the README's commands: `dotnet build` of the solution assembles the module, its
    dependencies and help; `dotnet test` runs every test against the sandbox on 127.0.0.1.
    Nothing here is needed on machines without pwsh.
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
    }
    "Module ready: $(Join-Path $PSScriptRoot 'out/Accounting.Integrations')"
}
finally {
    Pop-Location
}
