# Dot-sourced by every *.Tests.ps1 in BeforeAll: the built module as users import it, a throw-away
# configuration folder, and helpers to run scheduled-task scripts in a child pwsh.
$RepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$ModuleFolder = Join-Path $RepoRoot 'out/Accounting.Integrations'
$ModuleManifest = Join-Path $ModuleFolder 'Accounting.Integrations.psd1'
if (-not (Test-Path $ModuleManifest)) { throw "No built module at ${ModuleManifest}: run 'dotnet build Accounting.Integrations.sln' first." }
Import-Module $ModuleManifest -Force

$env:ACCOUNTING_INTEGRATIONS_CONFIG = [System.IO.Directory]::CreateTempSubdirectory('ai-pester-').FullName

function Plain([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

# The pwsh that runs these tests, as an argument list: `dotnet pwsh` runs pwsh.dll in the dotnet process.
function Get-PwshCommand {
    $self = [System.Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { , @($self, (Join-Path $PSHOME 'pwsh.dll')) }
    else { , @($self) }
}

# Runs `pwsh -NonInteractive -NoProfile <arguments>` as a scheduled task does, with the built module on
# PSModulePath (so `Import-Module Accounting.Integrations` works as for a user who installed it). Every argument
# goes to pwsh as typed: Invoke-Pwsh -File job.ps1 -Profile x.
function Invoke-Pwsh {
    $arguments = @($args | ForEach-Object { "$_" })
    $pwsh = Get-PwshCommand
    $saved = $env:PSModulePath
    try {
        $env:PSModulePath = (Join-Path $RepoRoot 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $env:NO_COLOR = '1'
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NonInteractive -NoProfile @arguments 2>&1 | ForEach-Object { "$_" }
        # The error view wraps long messages under "     | " margins: one line of plain text to match against.
        $text = (($output -join "`n") -replace '\x1b\[[0-9;?]*[A-Za-z]', '' -replace '\s*\n\s*(\|\s*)?', ' ').Trim()
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $text }
    }
    finally { $env:PSModulePath = $saved; Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue }
}

function Get-ClosedPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $port
}

# The process and every descendant, from /proc (Linux): what "never leaves a child behind" is checked against.
function Get-ProcessTree([int] $Id) {
    $all = Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | ForEach-Object {
        try { $stat = [System.IO.File]::ReadAllText("/proc/$($_.Name)/stat"); [pscustomobject]@{ Id = [int]$_.Name; Parent = [int]($stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[1]) } } catch { }
    }
    $tree = [System.Collections.Generic.List[int]]::new(); $tree.Add($Id)
    for ($i = 0; $i -lt $tree.Count; $i++) { foreach ($p in $all) { if ($p.Parent -eq $tree[$i]) { $tree.Add($p.Id) } } }
    $tree
}

function Test-ProcessAlive([int] $Id) {
    if ($IsLinux) {
        # A zombie has exited; only a running process counts.
        try { return -not ([System.IO.File]::ReadAllText("/proc/$Id/stat") -match '\) Z ') } catch { return $false }
    }
    [bool](Get-Process -Id $Id -ErrorAction SilentlyContinue)
}

# Polls until the condition holds or the deadline passes; returns whether it held. Polling, not sleeping for timing.
function Wait-Until([scriptblock] $Condition, [double] $Seconds) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -ge $deadline) { return [bool](& $Condition) }
        Start-Sleep -Milliseconds 20
    }
    $true
}
