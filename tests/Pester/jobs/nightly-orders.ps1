# A nightly export job written to the unattended recipe: the newest orders to a file; any error ends it non-zero.
param(
    [Parameter(Mandatory)] [string] $Profile,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module Accounting.Integrations
Connect-Billbee -Profile $Profile -MaxAttempts 1
Get-BillbeeOrder -First 20 | ForEach-Object { $_.OrderNumber } | Set-Content -LiteralPath $OutFile
