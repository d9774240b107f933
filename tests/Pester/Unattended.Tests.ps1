# The unattended contract, one test per exit code, each a script run as a scheduled task runs it:
#   pwsh -NonInteractive -NoProfile -File job.ps1 ...
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox
    $env:PESTER_BILLBEE_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
    $env:PESTER_BILLBEE_KEY = Plain $Sandbox.Billbee.ApiKey
    $env:PESTER_WRONG_PASSWORD = 'not-the-api-password'
    function New-BillbeeProfile([string] $Name, [string] $BaseUrl, [string] $PasswordVariable) {
        New-IntegrationProfile $Name Billbee -Force -Confirm:$false -Setting @{
            baseUrl = $BaseUrl; username = $Sandbox.Billbee.Credential.UserName
            administratorConfirmedBy = 'Pester, checked by hand'; importStateIds = '2,3'
        } -SecretReference @{ apiPassword = "env:$PasswordVariable"; apiKey = 'env:PESTER_BILLBEE_KEY' } > $null
    }
    New-BillbeeProfile clean $Sandbox.Billbee.BaseUrl PESTER_BILLBEE_PASSWORD
    New-BillbeeProfile wrongpassword $Sandbox.Billbee.BaseUrl PESTER_WRONG_PASSWORD
    New-BillbeeProfile unreachable "http://127.0.0.1:$(Get-ClosedPort)/billbee/api/v1/" PESTER_BILLBEE_PASSWORD
    $Jobs = Join-Path $PSScriptRoot 'jobs'
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'Exit codes of scheduled-task scripts (pwsh -NonInteractive -NoProfile -File)' {
    It 'a clean onboarding run exits 0' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-onboarding.ps1') -Profile clean
        $run.Output | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
    }

    It 'a failed check exits 1 and says which check failed' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-onboarding.ps1') -Profile wrongpassword
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match "Onboarding of 'wrongpassword': 1 check\(s\) failed the run: Fail Billbee Connection and credentials"
    }

    It 'an unreachable service fails the onboarding check and exits 1' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-onboarding.ps1') -Profile unreachable -MaxAttempts 1
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match "Onboarding of 'unreachable'"
    }

    It 'an unreachable service ends a nightly export with 1 and writes no file' {
        $out = Join-Path $TestDrive 'orders-unreachable.txt'
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-orders.ps1') -Profile unreachable -OutFile $out
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'Nothing answered at 127\.0\.0\.1'
        Test-Path $out | Should -BeFalse
    }

    It 'a clean nightly export exits 0 and writes the orders' {
        $out = Join-Path $TestDrive 'orders.txt'
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-orders.ps1') -Profile clean -OutFile $out
        $run.Output | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        (Get-Content $out).Count | Should -Be 20
    }

    It 'a missing mandatory parameter of the script exits 1 and prompts for nothing' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-onboarding.ps1')
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'Profile'
    }

    It 'an unknown parameter of the script exits 1' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'nightly-onboarding.ps1') -Profile clean -Bogus 1
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match "parameter name 'Bogus'"
    }

    It "a wrong pwsh command line (no such script) exits 64, pwsh's own code" {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'no-such-job.ps1')
        $run.ExitCode | Should -Be 64
    }

    It "a script's own exit N exits N" {
        $script = Join-Path $TestDrive 'exit7.ps1'
        Set-Content $script 'exit 7'
        (Invoke-Pwsh -File $script).ExitCode | Should -Be 7
    }

    It 'without the recipe''s $ErrorActionPreference = ''Stop'' a failed check still exits 0 (why the recipe sets it)' {
        $run = Invoke-Pwsh -File (Join-Path $Jobs 'onboarding-without-recipe.ps1') -Profile wrongpassword
        $run.Output | Should -Match "Onboarding of 'wrongpassword'"
        $run.ExitCode | Should -Be 0
    }
}
