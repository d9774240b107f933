<#
.SYNOPSIS
    Turns the sandbox's fleet customers (Start-IntegrationSandbox -Customers N) into integration profiles.
.DESCRIPTION
    Dot-source it, then pipe customers in:
        . demo/SandboxCustomerProfiles.ps1
        $sandbox = Start-IntegrationSandbox -Customers 50
        $names = $sandbox.Customers | New-SandboxCustomerProfile
        $names | ForEach-Object { Invoke-IntegrationOnboarding -Profile $_ }
    Each customer gets one profile (named as the sandbox names it, customer-007) with its five services. The secrets go
    into this process's environment variables (SBX_C007_BILLBEE_API_PASSWORD, …) and the profile holds only
    env: references to them, as a real profile refers to a vault; nothing secret is printed or written to a file.
    All the customers piped in are saved with one Import-IntegrationProfile (one write of the profile file, however
    many customers), as an MSP would import its customer list.
    The sandbox object itself (its demo accounts) works too: `$sandbox | New-SandboxCustomerProfile -Name demo`.
#>

function New-SandboxCustomerProfile {
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([string])]
    param(
        # A customer of $sandbox.Customers, or the sandbox object itself.
        [Parameter(Mandatory, ValueFromPipeline)]
        [Accounting.Integrations.Sandbox.IntegrationSandbox] $Customer,
        # The profile's name; default: the customer's own (customer-007).
        [string] $Name
    )
    begin { $rows = [System.Collections.Generic.List[object]]::new(); $names = [System.Collections.Generic.List[string]]::new() }
    process {
        $profileName = if ($Name) { $Name } elseif ($Customer.Name) { $Customer.Name } else { 'sandbox' }
        $prefix = 'SBX_' + ($profileName -replace '[^A-Za-z0-9]', '').ToUpperInvariant() + '_'
        if (-not $PSCmdlet.ShouldProcess($profileName, 'Create the integration profile of a sandbox customer')) { return }
        function Put([string] $key, [securestring] $value) {
            [Environment]::SetEnvironmentVariable($prefix + $key, [System.Net.NetworkCredential]::new('', $value).Password)
            "env:$prefix$key"
        }
        # One row per service, as New-IntegrationProfile's parameters; Import-IntegrationProfile saves them all at the end.
        function Row([string] $service, [hashtable] $setting, [hashtable] $secretReference) {
            $rows.Add([pscustomobject]@{ ProfileName = $profileName; Service = $service; Setting = $setting; SecretReference = $secretReference })
        }
        $b = $Customer.Billbee
        Row Billbee @{
            baseUrl = $b.BaseUrl; username = $b.Credential.UserName; importStateIds = '2,3'
            administratorConfirmedBy = "Sandbox admin, checked in Billbee $([DateTime]::UtcNow.ToString('yyyy-MM-dd'))"
        } @{ apiPassword = (Put BILLBEE_API_PASSWORD $b.Credential.Password); apiKey = (Put BILLBEE_API_KEY $b.ApiKey) }
        $t = $Customer.Tripletex
        Row Tripletex @{ baseUrl = $t.BaseUrl; environment = 'Test' } `
            @{ consumerToken = (Put TRIPLETEX_CONSUMER $t.ConsumerToken); employeeToken = (Put TRIPLETEX_EMPLOYEE $t.EmployeeToken) }
        $f = $Customer.IFirma
        Row IFirma @{ baseUrl = $f.BaseUrl; login = $f.Login } @{
            invoiceKey = (Put IFIRMA_FAKTURA $f.InvoiceKey); subscriberKey = (Put IFIRMA_ABONENT $f.SubscriberKey)
            billKey = (Put IFIRMA_RACHUNEK $f.BillKey); expenseKey = (Put IFIRMA_WYDATEK $f.ExpenseKey)
        }
        $authorization = New-BillectaAuthorization -Credential $Customer.Billecta.Credential
        Row Billecta @{ baseUrl = $Customer.Billecta.ProductionUrl } @{ authorization = (Put BILLECTA_AUTHORIZATION $authorization) }
        $l = $Customer.Lime
        Row Lime @{ baseUrl = $l.BaseUrl; application = $l.Application; probeUser = $l.WebhookUser } `
            @{ apiKey = (Put LIME_API_KEY $l.ApiKey); probeApiKey = (Put LIME_WEBHOOK_KEY $l.WebhookApiKey) }
        $names.Add($profileName)
    }
    end {
        if ($rows.Count -eq 0) { return }
        # -Force: a rerun replaces the customers' connections, as the New-IntegrationProfile -Force calls it replaces did.
        $rows | Import-IntegrationProfile -Force -Confirm:$false > $null
        $names
    }
}
