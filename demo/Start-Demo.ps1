<#
.SYNOPSIS
    The onboarding demo: a profile for the sandbox's customer, then Invoke-IntegrationOnboarding and its report.
.DESCRIPTION
    Run it in pwsh after a build (the README's first command does both):
        dotnet pwsh -NoProfile -File demo/Start-Demo.ps1
    It starts the sandbox with Start-IntegrationSandbox (a child process on 127.0.0.1) and stops it at the end.
    It works in a throw-away configuration folder, so your own profiles are not touched. The sandbox's
    secrets go into this process's environment variables and the profile holds only references to them,
    as a real profile refers to a vault. The second half rehearses the four faults the onboarding must
    catch: a changed Billbee API password, an expired Tripletex employee token, a malformed Billecta header
    in the application config, and an iFirma key near its monthly limit.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$module = "$PSScriptRoot/../out/Accounting.Integrations/Accounting.Integrations.psd1"
if (-not (Test-Path $module)) { throw "No built module at ${module}: run 'dotnet build Accounting.Integrations.sln' first." }
Import-Module $module

'== The sandbox: every service on 127.0.0.1, with its demo accounts'
$Sandbox = Start-IntegrationSandbox -TripletexCleanNumbers
$Sandbox | Out-Default
try {

$work = [System.IO.Directory]::CreateTempSubdirectory('accounting-integrations-demo-').FullName
$env:ACCOUNTING_INTEGRATIONS_CONFIG = $work
function Plain([securestring]$s) { [System.Net.NetworkCredential]::new('', $s).Password }
function File([string]$name) { [System.IO.Path]::Combine($work, $name) }

'== The customer''s secrets, as a vault would hold them (here: this process''s environment)'
$env:DEMO_BILLBEE_API_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
$env:DEMO_BILLBEE_API_KEY = Plain $Sandbox.Billbee.ApiKey
$env:DEMO_TRIPLETEX_CONSUMER = Plain $Sandbox.Tripletex.ConsumerToken
$env:DEMO_TRIPLETEX_EMPLOYEE = Plain $Sandbox.Tripletex.EmployeeToken
$f = $Sandbox.IFirma
$env:DEMO_IFIRMA_FAKTURA = Plain $f.InvoiceKey; $env:DEMO_IFIRMA_ABONENT = Plain $f.SubscriberKey
$env:DEMO_IFIRMA_RACHUNEK = Plain $f.BillKey; $env:DEMO_IFIRMA_WYDATEK = Plain $f.ExpenseKey
$auth = New-BillectaAuthorization -Credential $Sandbox.Billecta.Credential
$env:DEMO_BILLECTA_AUTHORIZATION = Plain $auth
$env:DEMO_LIME_API_KEY = Plain $Sandbox.Lime.ApiKey
$env:DEMO_LIME_WEBHOOK_KEY = Plain $Sandbox.Lime.WebhookApiKey

'== Lime: the application config with the Billecta section (seed 000), and the policy documents'
$appConfig = File 'application_config.yaml'
[System.IO.File]::WriteAllText($appConfig, "# on-premise application config`n$($Sandbox.Lime.Application):`n  config:`n    other: 1`n")
$auth | Set-LimeApplicationConfig -Path $appConfig -Application $Sandbox.Lime.Application -BaseUrl $Sandbox.Billecta.ProductionUrl -Confirm:$false > $null
$t = $Sandbox.Tripletex
$policy = New-IntegrationPolicy -Baseline billecta, billecta-realestate -Application $Sandbox.Lime.Application -Path (File 'policy.yml') `
    -TripletexEmployeeId $t.IntegrationEmployeeId -TripletexEmployee $t.IntegrationEmployeeName -TripletexEntitlement AUTH_ACCOUNTING_READ
Test-IntegrationPolicy $policy.FullName | Out-Default
# What the administrator transcribed from LISA's policy grids: the same as the document.
[System.IO.File]::Copy($policy.FullName, (File 'policy-actual.yml'))

'== The profile: settings and secret references only'
$p = 'fjordvik'
New-IntegrationProfile $p Billecta -Description 'Fjordvik Eiendom (sandbox)' -Setting @{ baseUrl = $Sandbox.Billecta.ProductionUrl } `
    -SecretReference @{ authorization = 'env:DEMO_BILLECTA_AUTHORIZATION' } -Confirm:$false > $null
New-IntegrationProfile $p Lime -Setting @{
    baseUrl = $Sandbox.Lime.BaseUrl; application = $Sandbox.Lime.Application; applicationConfigPath = $appConfig
    policyPath = $policy.FullName; policyActualPath = (File 'policy-actual.yml'); probeUser = $Sandbox.Lime.WebhookUser
} -SecretReference @{ apiKey = 'env:DEMO_LIME_API_KEY'; probeApiKey = 'env:DEMO_LIME_WEBHOOK_KEY' } -Confirm:$false > $null
New-IntegrationProfile $p Tripletex -Setting @{ baseUrl = $t.BaseUrl; environment = 'Test'; shopInvoiceStart = '6000'; shopCustomerStart = '10000' } `
    -SecretReference @{ consumerToken = 'env:DEMO_TRIPLETEX_CONSUMER'; employeeToken = 'env:DEMO_TRIPLETEX_EMPLOYEE' } -Confirm:$false > $null
New-IntegrationProfile $p Billbee -Setting @{
    baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName
    administratorConfirmedBy = 'K. Nordmann, checked in Billbee 2026-11-23'; importStateIds = '2,3'
} -SecretReference @{ apiPassword = 'env:DEMO_BILLBEE_API_PASSWORD'; apiKey = 'env:DEMO_BILLBEE_API_KEY' } -Confirm:$false > $null
New-IntegrationProfile $p IFirma -Setting @{ baseUrl = $f.BaseUrl; login = $f.Login } -SecretReference @{
    invoiceKey = 'env:DEMO_IFIRMA_FAKTURA'; subscriberKey = 'env:DEMO_IFIRMA_ABONENT'; billKey = 'env:DEMO_IFIRMA_RACHUNEK'; expenseKey = 'env:DEMO_IFIRMA_WYDATEK'
} -Confirm:$false > $null
Get-IntegrationProfile $p | Out-Default

'== Invoke-IntegrationOnboarding: every manual check of the four guides'
$report = File 'fjordvik-onboarding.md'
Invoke-IntegrationOnboarding -Profile $p -Report Markdown -Path $report | Out-Default
"== The report for the customer's file ($report)"
[System.IO.File]::ReadAllText($report)

'== Rehearsal: four faults seeded, one per service'
$null = [System.Net.Http.HttpClient]::new().PostAsync("$($Sandbox.Url)_sandbox/scenario/onboarding-faults", $null).GetAwaiter().GetResult().EnsureSuccessStatusCode()
$text = [System.IO.File]::ReadAllText($appConfig)
$good = $env:DEMO_BILLECTA_AUTHORIZATION
[System.IO.File]::WriteAllText($appConfig, $text.Replace($good, $good.Replace('Basic ', 'Basic:')))
Invoke-IntegrationOnboarding -Profile $p -ErrorAction SilentlyContinue -ErrorVariable failed | Where-Object Status -ne Pass |
    ForEach-Object { "$($_.Status) $($_.Service) / $($_.Check)`n    $($_.Detail)" + $(if ($_.Fix) { "`n    Fix: $($_.Fix)" }) }
"The run ends with one error for a scheduled task to act on ($($failed[0].FullyQualifiedErrorId.Split(',')[0])):"
'    ' + $failed[0].Exception.Message

[System.IO.Directory]::Delete($work, $true)
}
finally {
    $Sandbox | Stop-IntegrationSandbox
}
exit 0 # the rehearsal's failures were the point; the demo itself succeeded
