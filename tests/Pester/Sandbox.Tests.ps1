# The standalone sandbox ends promptly on a signal and never leaves a process behind (systemd stop, container
# stop, CI cleanup). The 2 s is the contract under test; the wait polls and ends as soon as the process is gone.
BeforeAll {
    . $PSScriptRoot/Common.ps1

    # The standalone sandbox as systemd or a container runs it: `dotnet Accounting.Integrations.Sandbox.dll`.
    function Start-StandaloneSandbox([string[]] $Arguments = @()) {
        $dotnet = [System.Environment]::ProcessPath
        if ([System.IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') { $dotnet = 'dotnet' }
        $info = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
        foreach ($a in (Join-Path $ModuleFolder 'sandbox/Accounting.Integrations.Sandbox.dll'), '--port', '0' + $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $first = $process.StandardOutput.ReadLine()
        $first | Should -Match '^Sandbox listening on http://127\.0\.0\.1:\d+/'
        $process | Add-Member -NotePropertyName Url -NotePropertyValue ([regex]::Match($first, 'http://\S+').Value) -PassThru
    }
}

Describe 'Stopping the sandbox' {
    It 'the standalone sandbox ends with every process under it within 2 s of SIGTERM' -Skip:(-not $IsLinux) {
        $sandbox = Start-StandaloneSandbox
        $tree = Get-ProcessTree $sandbox.Id
        & kill -TERM $sandbox.Id
        Wait-Until { $sandbox.HasExited -and -not ($tree | Where-Object { Test-ProcessAlive $_ }) } -Seconds 2 | Should -BeTrue
        $sandbox.ExitCode | Should -Be 0
    }
    It 'the standalone sandbox ends with every process under it within 2 s of SIGINT (Ctrl+C)' -Skip:(-not $IsLinux) {
        $sandbox = Start-StandaloneSandbox
        $tree = Get-ProcessTree $sandbox.Id
        & kill -INT $sandbox.Id
        Wait-Until { $sandbox.HasExited -and -not ($tree | Where-Object { Test-ProcessAlive $_ }) } -Seconds 2 | Should -BeTrue
        $sandbox.ExitCode | Should -Be 0
    }
    It 'a sandbox from Start-IntegrationSandbox ends within 2 s of SIGTERM' -Skip:(-not $IsLinux) {
        $sandbox = Start-IntegrationSandbox
        $tree = Get-ProcessTree $sandbox.ProcessId
        & kill -TERM $sandbox.ProcessId
        Wait-Until { -not ($tree | Where-Object { Test-ProcessAlive $_ }) } -Seconds 2 | Should -BeTrue
    }
    It 'a sandbox started by a shell (--parent-pid) ignores SIGINT: a Ctrl+C in the shell is meant for its command' -Skip:(-not $IsLinux) {
        $sandbox = Start-StandaloneSandbox '--parent-pid', $PID
        try {
            & kill -INT $sandbox.Id
            do {
                $read = $sandbox.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(30000)) { throw 'The sandbox neither ended nor said anything within 30 s of SIGINT.' } # a hang guard, not a timing check
                $line = $read.Result
            } until ($null -eq $line -or $line -like 'SIGINT ignored*')
            $line | Should -BeLike 'SIGINT ignored*'
            $sandbox.HasExited | Should -BeFalse
            (Invoke-RestMethod "$($sandbox.Url)_sandbox/info").baseUrl | Should -Be $sandbox.Url # still serving
        }
        finally { & kill -TERM $sandbox.Id; $sandbox.WaitForExit() }
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
