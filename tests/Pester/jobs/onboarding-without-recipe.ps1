# The same onboarding without the recipe's first line: the check failure is written, the script goes on.
param([Parameter(Mandatory)] [string] $Profile)
Import-Module Accounting.Integrations
Invoke-IntegrationOnboarding -Profile $Profile > $null
