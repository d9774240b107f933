# The standalone sandbox ends promptly on a signal and never leaves a process behind (systemd stop, container
# stop, CI cleanup). The 2 s is the contract under test; the wait polls and ends as soon as the process is gone.
BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Stopping the sandbox' {
    It 'SIGTERM ends it and every process under it within 2 s' -Skip:(-not $IsLinux) {
        $sandbox = Start-IntegrationSandbox
        $tree = Get-ProcessTree $sandbox.ProcessId
        & kill -TERM $sandbox.ProcessId
        Wait-Until { -not ($tree | Where-Object { Test-ProcessAlive $_ }) } -Seconds 2 | Should -BeTrue
    }
    It 'SIGINT (Ctrl+C) ends it within 2 s' -Skip:(-not $IsLinux) {
        $sandbox = Start-IntegrationSandbox
        $tree = Get-ProcessTree $sandbox.ProcessId
        & kill -INT $sandbox.ProcessId
        Wait-Until { -not ($tree | Where-Object { Test-ProcessAlive $_ }) } -Seconds 2 | Should -BeTrue
    }
    It 'Stop-IntegrationSandbox ends it from the pipeline' {
        $sandbox = Start-IntegrationSandbox
        $sandbox | Stop-IntegrationSandbox
        Test-ProcessAlive $sandbox.ProcessId | Should -BeFalse
        { Invoke-RestMethod "$($sandbox.Url)_sandbox/info" -TimeoutSec 5 } | Should -Throw
    }
    It 'Stop-IntegrationSandbox -WhatIf leaves it running' {
        $sandbox = Start-IntegrationSandbox
        $sandbox | Stop-IntegrationSandbox -WhatIf
        (Invoke-RestMethod "$($sandbox.Url)_sandbox/info").baseUrl | Should -Be $sandbox.Url
        $sandbox | Stop-IntegrationSandbox
    }
    It 'a shell that ends without stopping its sandbox takes the sandbox with it' {
        $run = Invoke-Pwsh -Command "Import-Module '$ModuleManifest'; (Start-IntegrationSandbox).ProcessId"
        $run.ExitCode | Should -Be 0
        $orphan = [int]$run.Output
        Wait-Until { -not (Test-ProcessAlive $orphan) } -Seconds 10 | Should -BeTrue
    }
}
