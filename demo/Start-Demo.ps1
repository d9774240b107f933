<#
.SYNOPSIS
    The onboarding demo: connects to the sandbox and shows what a sysadmin checks first.
.DESCRIPTION
    Run it through the embedded console host, which starts the sandbox and sets $Sandbox:
        dotnet run --project src/Accounting.Integrations.Host -- --sandbox -File demo/Start-Demo.ps1
    Against real services, connect with your own credentials instead of $Sandbox.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../out/Accounting.Integrations/Accounting.Integrations.psd1"
if (-not $Sandbox) { throw 'No $Sandbox: run this script with the host''s --sandbox option (see the README).' }

"== Billbee: connection ($($Sandbox.Billbee.BaseUrl))"
Connect-Billbee -BaseUrl $Sandbox.Billbee.BaseUrl -Credential $Sandbox.Billbee.Credential -ApiKey $Sandbox.Billbee.ApiKey
Test-BillbeeConnection | Out-Default

'== Billbee: order state ids for the importer''s shop settings'
Get-BillbeeOrderState | Out-Default

'== Billbee: shop connections'
Get-BillbeeShop | Out-Default

'== Billbee: paid and shipped orders of the last 30 days, per state'
$counts = @{}
Get-BillbeeOrder -State Paid, Shipped -Since ([datetime]::Today.AddDays(-30)) | ForEach-Object { $counts[$_.StateName]++ }
$counts.GetEnumerator() | ForEach-Object { [pscustomobject]@{ State = $_.Key; Orders = $_.Value } } | Out-Default

'== Billbee: the first five orders of the last three days'
Get-BillbeeOrder -State Paid, Shipped -Since ([datetime]::Today.AddDays(-3)) -First 5 | Out-Default

"== Tripletex: connection ($($Sandbox.Tripletex.BaseUrl))"
Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken
Test-TripletexConnection | Out-Default

'== Tripletex: can the API key read what the integration needs?'
Test-TripletexAccess | Out-Default

'== Tripletex: customer and invoice numbers against the web shop''s (invoices from 6000, customers from 10000)'
Test-TripletexNumberSeries -ShopInvoiceStart 6000 -ShopCustomerStart 10000 | Out-Default

Remove-TripletexSession -Confirm:$false

"== iFirma: every area key ($($Sandbox.IFirma.BaseUrl))"
$f = $Sandbox.IFirma
Connect-IFirma -BaseUrl $f.BaseUrl -Login $f.Login -InvoiceKey $f.InvoiceKey -BillKey $f.BillKey -SubscriberKey $f.SubscriberKey -ExpenseKey $f.ExpenseKey
Test-IFirmaConnection | Out-Default

'== iFirma: the monthly API limit, and what a higher one would take'
Get-IFirmaApiLimit | Out-Default
Request-IFirmaApiLimit -Requested 5000 | ForEach-Object { $_.Advice; $_.Steps } | Out-Default

"== Billecta: the header value for Lime's application config, checked, used and written"
$b = $Sandbox.Billecta
$auth = New-BillectaAuthorization -Credential $b.Credential
$auth | Test-BillectaAuthorization | Out-Default
Connect-Billecta -Authorization $auth -BaseUrl $b.ProductionUrl -OtherEnvironmentUrl $b.TestUrl
Test-BillectaConnection | Out-Default
$config = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "application_config-demo.yaml")
[System.IO.File]::WriteAllText($config, "# demo`ncrm:`n  config:`n    other: 1`n")
$auth | Set-LimeApplicationConfig -Path $config -Application crm -Environment Test -Confirm:$false | Out-Default

'== Lime: integration monitors'
Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.ApiKey -RequestsPerFiveMinutes 60000
Get-IntegrationMonitor | Out-Default
