# Issue 17: -Service comes from the core's registration list (no ValidateSet to edit), and still completes as one did.
BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Service names from the registration list' {
    It 'New-IntegrationProfile and Invoke-IntegrationOnboarding complete -Service with the registered names' {
        foreach ($line in 'New-IntegrationProfile acme -Service Bil', 'Invoke-IntegrationOnboarding acme -Service Bil') {
            $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $matches | Should -Be @('Billecta', 'Billbee')
        }
    }
    It 'an unknown service is refused as a ValidateSet refuses, listing the registered names' {
        $err = { New-IntegrationProfile acme -Service Acme -WhatIf -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $err.Exception.Message | Should -BeLike '*Billecta,Lime,Tripletex,Billbee,IFirma*'
    }
}
