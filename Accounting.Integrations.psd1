#
# Module manifest for Accounting.Integrations.
# This copy at the repository root checks for a build, then loads the built module folder out/Accounting.Integrations/
# as its nested module, so that its help and about_ topics load too. The build writes that folder's copy-anywhere
# manifest from this one (RootModule and FormatsToProcess made local, no build check).
#
@{
    ScriptsToProcess       = @('module/Assert-ModuleBuilt.ps1')
    NestedModules          = @('out/Accounting.Integrations/Accounting.Integrations.psd1')
    ModuleVersion          = '0.1.0'
    GUID                   = 'ad8cc731-7a60-41ed-8de2-44409dc8bbd2'
    Author                 = 'Accounting.Integrations contributors'
    CompanyName            = 'Accounting.Integrations'
    Copyright              = '(c) 2026 Accounting.Integrations contributors. MIT License.'
    Description            = 'Onboard, check and operate accounting integrations (Billecta with Lime CRM, Tripletex, Billbee, iFirma) from a terminal, a script or a scheduled task.'

    # One build serves both editions: netstandard2.0 needs .NET Framework 4.7.2 or later on Windows PowerShell 5.1.
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'

    FormatsToProcess       = @() # the built folder's manifest loads the format file
    TypesToProcess         = @() # the built folder's manifest loads the types file

    CmdletsToExport        = @( # one array literal, a comma after each name: one expression for Import-Module to compile, not a statement per name
        'Connect-Billbee',
        'Test-BillbeeConnection',
        'Get-BillbeeOrderState',
        'Get-BillbeeOrder',
        'Get-BillbeeShop',
        'Set-BillbeeOrderState',
        'Invoke-BillbeeRequest',
        'Connect-Tripletex',
        'New-TripletexSession',
        'Test-TripletexConnection',
        'Remove-TripletexSession',
        'Get-TripletexEntitlement',
        'Test-TripletexAccess',
        'Get-TripletexCustomer',
        'Get-TripletexInvoice',
        'Test-TripletexNumberSeries',
        'Invoke-TripletexRequest',
        'Connect-IFirma',
        'Test-IFirmaConnection',
        'Get-IFirmaApiLimit',
        'Request-IFirmaApiLimit',
        'Get-IFirmaInvoice',
        'Get-IFirmaAccountingMonth',
        'Invoke-IFirmaRequest',
        'New-BillectaAuthorization',
        'Test-BillectaAuthorization',
        'Set-LimeApplicationConfig',
        'Connect-Billecta',
        'Test-BillectaConnection',
        'Get-BillectaCreditor',
        'Get-BillectaDebtor',
        'Get-BillectaInvoice',
        'Get-BillectaPayment',
        'Invoke-BillectaRequest',
        'Connect-Lime',
        'Test-LimeConnection',
        'Get-IntegrationMonitor',
        'Remove-IntegrationMonitorLog',
        'Invoke-LimeRequest',
        'New-IntegrationProfile',
        'Import-IntegrationProfile',
        'Get-IntegrationProfile',
        'Remove-IntegrationProfile',
        'New-IntegrationPolicy',
        'Test-IntegrationPolicy',
        'Compare-IntegrationPolicy',
        'Set-IntegrationPolicy',
        'Export-IntegrationPolicy',
        'Invoke-IntegrationOnboarding',
        'Merge-IntegrationOnboardingResult',
        'Clear-IntegrationState',
        'Start-IntegrationSandbox',
        'Stop-IntegrationSandbox',
        'Get-IntegrationConnection',
        'Disconnect-Integration',
        'Get-BillbeeWebhook',
        'Get-BillbeeWebhookEvent',
        'Add-BillbeeWebhook',
        'Remove-BillbeeWebhook',
        'Test-BillbeeWebhook',
        'Get-BillbeeApiUsage',
        'Get-TripletexWebhook',
        'Get-TripletexWebhookEvent',
        'Add-TripletexWebhook',
        'Remove-TripletexWebhook',
        'Test-TripletexWebhook',
        'Get-TripletexSalesModule',
        'Get-TripletexClientCompany',
        'Get-LimeWebhook',
        'Get-LimeWebhookEvent',
        'Add-LimeWebhook',
        'Remove-LimeWebhook',
        'Test-LimeWebhook',
        'Get-LimeLimetype',
        'Test-IntegrationWebhookSignature',
        'Get-BillectaWebhookSetup',
        'Test-BillectaWebhookReceiver',
        'Get-IntegrationGuideStep'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()

    PrivateData            = @{
        PSData = @{
            # PSCommand_<name> for every exported cmdlet: what Find-PSResource -CommandName searches (the packer adds none).
            Tags         = @('Accounting', 'Billbee', 'Tripletex', 'Billecta', 'LimeCRM', 'iFirma', 'Integration', 'Onboarding', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS',
                'PSCommand_Connect-Billbee',
                'PSCommand_Test-BillbeeConnection',
                'PSCommand_Get-BillbeeOrderState',
                'PSCommand_Get-BillbeeOrder',
                'PSCommand_Get-BillbeeShop',
                'PSCommand_Set-BillbeeOrderState',
                'PSCommand_Invoke-BillbeeRequest',
                'PSCommand_Connect-Tripletex',
                'PSCommand_New-TripletexSession',
                'PSCommand_Test-TripletexConnection',
                'PSCommand_Remove-TripletexSession',
                'PSCommand_Get-TripletexEntitlement',
                'PSCommand_Test-TripletexAccess',
                'PSCommand_Get-TripletexCustomer',
                'PSCommand_Get-TripletexInvoice',
                'PSCommand_Test-TripletexNumberSeries',
                'PSCommand_Invoke-TripletexRequest',
                'PSCommand_Connect-IFirma',
                'PSCommand_Test-IFirmaConnection',
                'PSCommand_Get-IFirmaApiLimit',
                'PSCommand_Request-IFirmaApiLimit',
                'PSCommand_Get-IFirmaInvoice',
                'PSCommand_Get-IFirmaAccountingMonth',
                'PSCommand_Invoke-IFirmaRequest',
                'PSCommand_New-BillectaAuthorization',
                'PSCommand_Test-BillectaAuthorization',
                'PSCommand_Set-LimeApplicationConfig',
                'PSCommand_Connect-Billecta',
                'PSCommand_Test-BillectaConnection',
                'PSCommand_Get-BillectaCreditor',
                'PSCommand_Get-BillectaDebtor',
                'PSCommand_Get-BillectaInvoice',
                'PSCommand_Get-BillectaPayment',
                'PSCommand_Invoke-BillectaRequest',
                'PSCommand_Connect-Lime',
                'PSCommand_Test-LimeConnection',
                'PSCommand_Get-IntegrationMonitor',
                'PSCommand_Remove-IntegrationMonitorLog',
                'PSCommand_Invoke-LimeRequest',
                'PSCommand_New-IntegrationProfile',
                'PSCommand_Import-IntegrationProfile',
                'PSCommand_Get-IntegrationProfile',
                'PSCommand_Remove-IntegrationProfile',
                'PSCommand_New-IntegrationPolicy',
                'PSCommand_Test-IntegrationPolicy',
                'PSCommand_Compare-IntegrationPolicy',
                'PSCommand_Set-IntegrationPolicy',
                'PSCommand_Export-IntegrationPolicy',
                'PSCommand_Invoke-IntegrationOnboarding',
                'PSCommand_Clear-IntegrationState',
                'PSCommand_Start-IntegrationSandbox',
                'PSCommand_Stop-IntegrationSandbox',
                'PSCommand_Get-IntegrationConnection',
                'PSCommand_Disconnect-Integration',
                'PSCommand_Merge-IntegrationOnboardingResult',
                'PSCommand_Get-BillbeeWebhook',
                'PSCommand_Get-BillbeeWebhookEvent',
                'PSCommand_Add-BillbeeWebhook',
                'PSCommand_Remove-BillbeeWebhook',
                'PSCommand_Test-BillbeeWebhook',
                'PSCommand_Get-BillbeeApiUsage',
                'PSCommand_Get-TripletexWebhook',
                'PSCommand_Get-TripletexWebhookEvent',
                'PSCommand_Add-TripletexWebhook',
                'PSCommand_Remove-TripletexWebhook',
                'PSCommand_Test-TripletexWebhook',
                'PSCommand_Get-TripletexSalesModule',
                'PSCommand_Get-TripletexClientCompany',
                'PSCommand_Get-LimeWebhook',
                'PSCommand_Get-LimeWebhookEvent',
                'PSCommand_Add-LimeWebhook',
                'PSCommand_Remove-LimeWebhook',
                'PSCommand_Test-LimeWebhook',
                'PSCommand_Get-LimeLimetype',
                'PSCommand_Test-IntegrationWebhookSignature',
                'PSCommand_Get-BillectaWebhookSetup',
                'PSCommand_Test-BillectaWebhookReceiver',
                'PSCommand_Get-IntegrationGuideStep')
            LicenseUri   = 'https://github.com/accounting-integrations/Accounting.Integrations/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/accounting-integrations/Accounting.Integrations'
            ReleaseNotes = '0.1.0: all five services (Billecta with the Lime CRM package, Lime CRM, Tripletex, Billbee, iFirma): Connect-*, Test-*Connection and the reads and writes onboarding needs; Invoke-<Service>Request for any other API call through the same auth, limiter, retries and redaction; Get-IntegrationConnection and Disconnect-Integration; profiles and Invoke-IntegrationOnboarding; integration policies; a local sandbox of all five (Start-IntegrationSandbox).'
        }
    }
}
