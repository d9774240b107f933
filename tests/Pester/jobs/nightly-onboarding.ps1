# The unattended recipe (about_IntegrationUnattended): with $ErrorActionPreference = 'Stop' any error the module
# writes, Onboarding.CheckFailed included, ends the script, and pwsh -File then exits with 1.
param(
    [Parameter(Mandatory)] [string] $Profile,
    [int] $MaxAttempts = 5
)
$ErrorActionPreference = 'Stop'
Import-Module Accounting.Integrations
Invoke-IntegrationOnboarding -Profile $Profile -MaxAttempts $MaxAttempts > $null
