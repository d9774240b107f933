# Shared by PipelineBinding.Tests.ps1: one sample object of every producer of the module, and which parameter of which
# consumer each would bind to, by property name (a property named like the parameter or one of its aliases) and by value.
function Get-ProducerSample($Sandbox) {
    $samples = [ordered]@{}
    $samples['Connect-Billbee'] = Connect-Billbee -Credential $Sandbox.Billbee.Credential -ApiKey $Sandbox.Billbee.ApiKey -BaseUrl $Sandbox.Billbee.BaseUrl -PassThru
    $samples['Test-BillbeeConnection'] = Test-BillbeeConnection
    $samples['Get-BillbeeOrderState'] = Get-BillbeeOrderState | Select-Object -First 1
    $samples['Get-BillbeeShop'] = Get-BillbeeShop | Select-Object -First 1
    $samples['Get-BillbeeOrder'] = Get-BillbeeOrder -First 1
    $samples['Connect-Tripletex'] = Connect-Tripletex -Environment Test -BaseUrl $Sandbox.Tripletex.BaseUrl -ConsumerToken $Sandbox.Tripletex.ConsumerToken -EmployeeToken $Sandbox.Tripletex.EmployeeToken -PassThru
    $samples['New-TripletexSession'] = New-TripletexSession -Confirm:$false
    $samples['Get-TripletexEntitlement'] = Get-TripletexEntitlement | Select-Object -First 1
    $samples['Test-TripletexAccess'] = Test-TripletexAccess | Select-Object -First 1
    $samples['Get-TripletexCustomer'] = Get-TripletexCustomer | Select-Object -First 1
    $samples['Get-TripletexInvoice'] = Get-TripletexInvoice | Select-Object -First 1
    $samples['Test-TripletexNumberSeries'] = Test-TripletexNumberSeries -ShopInvoiceStart 1 -ShopCustomerStart 1 -WarningAction SilentlyContinue | Select-Object -First 1
    $f = $Sandbox.IFirma
    $samples['Connect-IFirma'] = Connect-IFirma -BaseUrl $f.BaseUrl -Login $f.Login -InvoiceKey $f.InvoiceKey -BillKey $f.BillKey -SubscriberKey $f.SubscriberKey -ExpenseKey $f.ExpenseKey -PassThru
    $samples['Get-IFirmaApiLimit'] = Get-IFirmaApiLimit
    $samples['Request-IFirmaApiLimit'] = Request-IFirmaApiLimit -Requested 5000 -WarningAction SilentlyContinue
    $samples['Get-IFirmaInvoice'] = Get-IFirmaInvoice -From ([datetime]::Today.AddDays(-90)) -To ([datetime]::Today) | Select-Object -First 1
    $samples['Get-IFirmaAccountingMonth'] = Get-IFirmaAccountingMonth
    $samples['Connect-Billecta'] = Connect-Billecta -Credential $Sandbox.Billecta.Credential -BaseUrl $Sandbox.Billecta.ProductionUrl -PassThru
    $samples['New-BillectaAuthorization'] = New-BillectaAuthorization -Credential $Sandbox.Billecta.Credential
    $samples['Test-BillectaAuthorization'] = $samples['New-BillectaAuthorization'] | Test-BillectaAuthorization
    $samples['Get-BillectaCreditor'] = Get-BillectaCreditor | Select-Object -First 1
    $samples['Get-BillectaDebtor'] = $samples['Get-BillectaCreditor'] | Get-BillectaDebtor | Select-Object -First 1
    $samples['Get-BillectaInvoice'] = $samples['Get-BillectaCreditor'] | Get-BillectaInvoice | Select-Object -First 1
    $samples['Get-BillectaPayment'] = $samples['Get-BillectaCreditor'] | Get-BillectaPayment -From ([datetime]::Today.AddDays(-365)) | Select-Object -First 1
    $samples['Connect-Lime'] = Connect-Lime -BaseUrl $Sandbox.Lime.BaseUrl -ApiKey $Sandbox.Lime.ApiKey -PassThru
    $samples['Get-IntegrationMonitor'] = Get-IntegrationMonitor | Select-Object -First 1
    $samples['Get-IntegrationConnection'] = Get-IntegrationConnection | Select-Object -First 1
    $samples['Start-IntegrationSandbox'] = $Sandbox
    # A saved profile of the sandbox's Billbee account, and what onboarding it says.
    $env:PESTER_BINDING_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
    $env:PESTER_BINDING_KEY = Plain $Sandbox.Billbee.ApiKey
    $samples['New-IntegrationProfile'] = New-IntegrationProfile binding-probe Billbee -Force -Confirm:$false -Setting @{
        baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName; administratorConfirmedBy = 'Pester'; importStateIds = '2,3'
    } -SecretReference @{ apiPassword = 'env:PESTER_BINDING_PASSWORD'; apiKey = 'env:PESTER_BINDING_KEY' }
    $samples['Get-IntegrationProfile'] = Get-IntegrationProfile binding-probe
    $samples['Invoke-IntegrationOnboarding'] = Invoke-IntegrationOnboarding binding-probe -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Select-Object -First 1
    $samples
}

# "Producer -> Consumer -Parameter (Property)" for every binding by property name, "Producer => Consumer -Parameter" by value.
function Get-PipelineBinding($Samples) {
    $consumers = Get-Command -Module Accounting.Integrations
    foreach ($producer in $Samples.Keys) {
        $sample = $Samples[$producer]
        if ($null -eq $sample) { continue }
        $object = [psobject]::AsPSObject($sample)
        foreach ($consumer in $consumers) {
            $seen = @{}
            foreach ($set in $consumer.ParameterSets) {
                foreach ($p in $set.Parameters) {
                    if ($p.ValueFromPipelineByPropertyName) {
                        foreach ($name in @($p.Name) + @($p.Aliases)) {
                            if ($object.PSObject.Properties[$name]) { $seen["$producer -> $($consumer.Name) -$($p.Name) ($name)"] = 1 }
                        }
                    }
                    # By value: a parameter typed for this kind of object.
                    $type = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
                    if ($p.ValueFromPipeline -and $type -notin [object], [string], [psobject] -and $type.IsInstanceOfType($object.PSObject.BaseObject)) {
                        $seen["$producer => $($consumer.Name) -$($p.Name)"] = 1
                    }
                    # By value as text: any object converts to a string, so it binds unless the parameter's transformation
                    # (what the binder runs before converting) refuses it; what it returns is what the parameter gets.
                    if ($p.ValueFromPipeline -and $p.ParameterType -in [object], [string], [string[]], [psobject] -and $object.PSObject.BaseObject -isnot [string]) {
                        $text = $object
                        try {
                            foreach ($t in @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] })) { $text = $t.Transform($ExecutionContext, $text) }
                            $seen["$producer => $($consumer.Name) -$($p.Name) (as text)"] = 1
                        }
                        catch [System.Management.Automation.ArgumentTransformationMetadataException] { }
                    }
                }
            }
            $seen.Keys
        }
    }
}

# Every binding there is, each judged to pass a value of the same kind: a profile's or a result's ProfileName to a profile
# parameter (by value, through ProfileNameArgumentAttribute; no other object binds there), a service name to -Service, a connection to
# -Connection, an order's BillbeeOrderId, a shop's BillbeeShopId, an invoice's CustomerId, a creditor's CreditorPublicId,
# an employee's EmployeeId, a monitor's IntegrationKey, a sandbox's ProcessId, an authorization to -Authorization/-Value.
function Get-ExpectedBinding {
    @(
        'Connect-Billbee -> Disconnect-Integration -Service (Service)'
        'Connect-Billbee -> Get-IntegrationConnection -Service (Service)'
        'Connect-Billbee => Test-BillbeeConnection -Connection'
        'Connect-Billecta -> Disconnect-Integration -Service (Service)'
        'Connect-Billecta -> Get-IntegrationConnection -Service (Service)'
        'Connect-Billecta => Test-BillectaConnection -Connection'
        'Connect-IFirma -> Disconnect-Integration -Service (Service)'
        'Connect-IFirma -> Get-IntegrationConnection -Service (Service)'
        'Connect-IFirma => Get-IFirmaAccountingMonth -Connection'
        'Connect-IFirma => Get-IFirmaApiLimit -Connection'
        'Connect-IFirma => Request-IFirmaApiLimit -Connection'
        'Connect-IFirma => Test-IFirmaConnection -Connection'
        'Connect-Lime -> Disconnect-Integration -Service (Service)'
        'Connect-Lime -> Get-IntegrationConnection -Service (Service)'
        'Connect-Lime => Test-LimeConnection -Connection'
        'Connect-Tripletex -> Disconnect-Integration -Service (Service)'
        'Connect-Tripletex -> Get-IntegrationConnection -Service (Service)'
        'Connect-Tripletex => New-TripletexSession -Connection'
        'Connect-Tripletex => Remove-TripletexSession -Connection'
        'Connect-Tripletex => Test-TripletexAccess -Connection'
        'Connect-Tripletex => Test-TripletexConnection -Connection'
        'Get-BillbeeOrder -> Get-BillbeeOrder -BillbeeOrderId (BillbeeOrderId)'
        'Get-BillbeeOrder -> Set-BillbeeOrderState -BillbeeOrderId (BillbeeOrderId)'
        'Get-BillbeeShop -> Get-BillbeeOrder -BillbeeShopId (BillbeeShopId)'
        'Get-BillectaCreditor -> Get-BillectaDebtor -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaCreditor -> Get-BillectaInvoice -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaCreditor -> Get-BillectaPayment -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaDebtor -> Get-BillectaDebtor -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaDebtor -> Get-BillectaInvoice -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaDebtor -> Get-BillectaPayment -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaInvoice -> Get-BillectaDebtor -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaInvoice -> Get-BillectaInvoice -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaInvoice -> Get-BillectaPayment -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaPayment -> Get-BillectaDebtor -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaPayment -> Get-BillectaInvoice -CreditorPublicId (CreditorPublicId)'
        'Get-BillectaPayment -> Get-BillectaPayment -CreditorPublicId (CreditorPublicId)'
        'Get-IntegrationConnection -> Disconnect-Integration -Service (Service)'
        'Get-IntegrationConnection -> Get-IntegrationConnection -Service (Service)'
        'Get-IntegrationMonitor -> Remove-IntegrationMonitorLog -IntegrationKey (IntegrationKey)'
        'Get-IntegrationProfile => Invoke-IntegrationOnboarding -Profile (as text)'
        'Get-IntegrationProfile => New-IntegrationProfile -Name (as text)'
        'Get-IntegrationProfile => Remove-IntegrationProfile -Name (as text)'
        'Invoke-IntegrationOnboarding -> Disconnect-Integration -Service (Service)'
        'Invoke-IntegrationOnboarding -> Get-IntegrationConnection -Service (Service)'
        'Invoke-IntegrationOnboarding => Invoke-IntegrationOnboarding -Profile (as text)'
        'Invoke-IntegrationOnboarding => Merge-IntegrationOnboardingResult -InputObject'
        'Invoke-IntegrationOnboarding => New-IntegrationProfile -Name (as text)'
        'Invoke-IntegrationOnboarding => Remove-IntegrationProfile -Name (as text)'
        'New-IntegrationProfile => Invoke-IntegrationOnboarding -Profile (as text)'
        'New-IntegrationProfile => New-IntegrationProfile -Name (as text)'
        'New-IntegrationProfile => Remove-IntegrationProfile -Name (as text)'
        'Get-TripletexEntitlement -> Get-TripletexEntitlement -EmployeeId (EmployeeId)'
        'Get-TripletexInvoice -> Get-TripletexCustomer -CustomerId (CustomerId)'
        'New-BillectaAuthorization => Set-LimeApplicationConfig -Authorization'
        'New-BillectaAuthorization => Test-BillectaAuthorization -Value'
        'New-TripletexSession -> Get-TripletexEntitlement -EmployeeId (EmployeeId)'
        'New-TripletexSession => Test-TripletexConnection -Session'
        'Start-IntegrationSandbox -> Stop-IntegrationSandbox -ProcessId (ProcessId)'
        'Test-BillbeeConnection -> Disconnect-Integration -Service (Service)'
        'Test-BillbeeConnection -> Get-IntegrationConnection -Service (Service)'
    )
}
