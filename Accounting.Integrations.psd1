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

    CmdletsToExport        = @(
        'Connect-Billbee'
        'Test-BillbeeConnection'
        'Get-BillbeeOrderState'
        'Get-BillbeeOrder'
        'Get-BillbeeShop'
        'Set-BillbeeOrderState'
        'Connect-Tripletex'
        'New-TripletexSession'
        'Test-TripletexConnection'
        'Remove-TripletexSession'
        'Get-TripletexEntitlement'
        'Test-TripletexAccess'
        'Get-TripletexCustomer'
        'Get-TripletexInvoice'
        'Test-TripletexNumberSeries'
        'Connect-IFirma'
        'Test-IFirmaConnection'
        'Get-IFirmaApiLimit'
        'Request-IFirmaApiLimit'
        'Get-IFirmaInvoice'
        'Get-IFirmaAccountingMonth'
        'New-BillectaAuthorization'
        'Test-BillectaAuthorization'
        'Set-LimeApplicationConfig'
        'Connect-Billecta'
        'Test-BillectaConnection'
        'Get-BillectaCreditor'
        'Get-BillectaDebtor'
        'Get-BillectaInvoice'
        'Get-BillectaPayment'
        'Connect-Lime'
        'Test-LimeConnection'
        'Get-IntegrationMonitor'
        'Remove-IntegrationMonitorLog'
        'New-IntegrationProfile'
        'Get-IntegrationProfile'
        'Remove-IntegrationProfile'
        'New-IntegrationPolicy'
        'Test-IntegrationPolicy'
        'Compare-IntegrationPolicy'
        'Set-IntegrationPolicy'
        'Export-IntegrationPolicy'
        'Invoke-IntegrationOnboarding'
        'Merge-IntegrationOnboardingResult'
        'Clear-IntegrationState'
        'Start-IntegrationSandbox'
        'Stop-IntegrationSandbox'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()

    PrivateData            = @{
        PSData = @{
            Tags         = @('Accounting', 'Billbee', 'Tripletex', 'Billecta', 'LimeCRM', 'iFirma', 'Integration', 'Onboarding', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/accounting-integrations/Accounting.Integrations/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/accounting-integrations/Accounting.Integrations'
            ReleaseNotes = '0.1.0: foundation (client core, sandbox, hosted tests), Billbee, Tripletex and iFirma cmdlets.'
        }
    }
}
