# The module as pwsh shows it: import through each manifest, help with examples, about_ topics, completers.
BeforeDiscovery {
    # The cmdlets to check, from the manifest (discovery runs before BeforeAll, without the module loaded).
    $manifest = Join-Path $PSScriptRoot '../../out/Accounting.Integrations/Accounting.Integrations.psd1'
    $Cmdlets = if (Test-Path $manifest) { (Import-PowerShellDataFile $manifest).CmdletsToExport } else { @('the module is not built') }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Import' {
    It 'the built folder imports through its manifest and exports every cmdlet it lists' {
        $module = Get-Module Accounting.Integrations
        $module.ModuleBase | Should -Be ([System.IO.Path]::GetFullPath($ModuleFolder).TrimEnd('/'))
        $listed = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($listed | Sort-Object)
    }
    It 'the repository-root manifest loads the help and the about_ topics too' {
        $run = Invoke-Pwsh -Command "Import-Module '$RepoRoot/Accounting.Integrations.psd1'; (Get-Help Get-BillbeeOrder -Examples).examples.example.Count; (Get-Help about_IntegrationUnattended | Out-String).Contains('EXIT CODES')"
        $run.ExitCode | Should -Be 0
        $lines = $run.Output -split ' '
        [int]$lines[0] | Should -BeGreaterThan 0
        $lines[1] | Should -Be 'True'
    }
    It 'the repository-root manifest before a build says how to build, in one line' {
        $copy = Join-Path $TestDrive 'unbuilt'
        New-Item -ItemType Directory (Join-Path $copy 'module') > $null
        Copy-Item (Join-Path $RepoRoot 'Accounting.Integrations.psd1') $copy
        Copy-Item (Join-Path $RepoRoot 'module/Assert-ModuleBuilt.ps1') (Join-Path $copy 'module')
        $run = Invoke-Pwsh -Command "Import-Module '$copy/Accounting.Integrations.psd1'"
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match "not built yet: run 'dotnet build Accounting.Integrations.sln'"
    }
}

Describe 'Start-up' {
    BeforeAll {
        $Sandbox = Start-IntegrationSandbox -NoThrottle
        # A child pwsh running the script with the sandbox's Billbee account in BILLBEE_* (for -FromEnvironment) and any
        # other variables given; this process's own values come back afterwards.
        function Invoke-PwshConnected([string] $Script, [hashtable] $Environment = @{}) {
            $fresh = @{
                BILLBEE_USERNAME     = $Sandbox.Billbee.Credential.UserName
                BILLBEE_API_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
                BILLBEE_API_KEY      = Plain $Sandbox.Billbee.ApiKey
            } + $Environment
            $saved = @{}
            foreach ($name in $fresh.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $fresh[$name]) }
            try { Invoke-Pwsh -Command $Script }
            finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        }
    }
    AfterAll {
        $Sandbox | Stop-IntegrationSandbox
    }
    It 'a fresh pwsh: import loads neither the core nor YamlDotNet; Connect-Billbee writes no file; its first call loads no YamlDotNet, builds no redaction pattern, makes no secret forms, and takes the Bcl forwarders beside the ReadyToRun core' {
        # What the first call does not need stays unloaded and unbuilt (each was start-up cost once); the state folder
        # is a fresh one, so the ledger the first call writes shows the file check sees a write.
        $script = @'
$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name
Import-Module '{0}'
$byImport = @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object {{ $before -notcontains $_ }})
Connect-Billbee -FromEnvironment -BaseUrl '{1}'
$afterConnect = @(Get-ChildItem -Recurse -Force $env:ACCOUNTING_INTEGRATIONS_CONFIG).Count
$shops = @(Get-BillbeeShop).Count
$afterCall = @(Get-ChildItem -Recurse -Force $env:ACCOUNTING_INTEGRATIONS_CONFIG).Count
$loaded = [AppDomain]::CurrentDomain.GetAssemblies()
$core = $loaded | Where-Object {{ $_.GetName().Name -eq 'Accounting.Integrations.Core' }}
$redactor = $core.GetType('Accounting.Integrations.Core.Security.SecretRedactor')
$patterns = $redactor.GetProperty('PatternsBuilt', [System.Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
$unexpanded = $redactor.GetProperty('AnyUnexpanded', [System.Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
$bcl = @($loaded | Where-Object {{ $_.GetName().Name -like 'Microsoft.Bcl.*' }} | ForEach-Object {{ Split-Path -Leaf (Split-Path -Parent $_.Location) }}) -join ','
"import:" + (($byImport | Where-Object {{ $_ -like 'Accounting*' -or $_ -eq 'YamlDotNet' }}) -join ',')
"yaml:" + [bool]($loaded | Where-Object {{ $_.GetName().Name -eq 'YamlDotNet' }})
"files:$afterConnect,$afterCall shops:$shops patterns:$patterns unexpanded:$unexpanded"
"bcl:$bcl core:" + (Split-Path -Leaf (Split-Path -Parent $core.Location))
'@ -f $ModuleManifest, $Sandbox.Billbee.BaseUrl
        $state = New-Item -ItemType Directory (Join-Path $TestDrive 'fresh-state')
        $run = Invoke-PwshConnected $script @{ ACCOUNTING_INTEGRATIONS_CONFIG = $state.FullName }
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'import:Accounting\.Integrations yaml:False'
        $run.Output | Should -Match 'files:0,[1-9]\d* shops:[1-9]\d* patterns:False unexpanded:True'
        # The build makes the ReadyToRun folder for its own platform, so here the core and both forwarders come from it.
        $native = Split-Path -Leaf (Get-ChildItem -Directory (Join-Path (Split-Path -Parent $ModuleManifest) 'dependencies') | Select-Object -First 1).FullName
        $run.Output | Should -Match "bcl:$native,$native core:$native"
    }
    It 'a secret registered at Connect-* is still masked in every form once something is redacted (-Verbose after a quiet first call)' {
        # Its forms are made on the first redaction, not at Connect-*: the first text redacted after a quiet call must still mask them.
        $script = @'
Import-Module '{0}'
Connect-Billbee -FromEnvironment -BaseUrl '{1}'
$null = Get-BillbeeShop
$key = $env:BILLBEE_API_KEY
$lines = Get-BillbeeShop -Verbose 4>&1 | Where-Object {{ $_ -is [System.Management.Automation.VerboseRecord] }} | ForEach-Object Message
"verbose:" + @($lines).Count
$u = [Uri]::EscapeDataString($key); $b = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($key))
$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object {{ $_.GetName().Name -eq 'Accounting.Integrations.Core' }}
$redact = $core.GetType('Accounting.Integrations.Core.Security.SecretRedactor').GetMethod('Redact')
"masked:" + ((@($key, $u, $b) | ForEach-Object {{ $redact.Invoke($null, @("x $_ y")) }}) -join '|')
'@ -f $ModuleManifest, $Sandbox.Billbee.BaseUrl
        $run = Invoke-PwshConnected $script
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'verbose:[1-9]'
        $run.Output | Should -Match 'masked:x \*\*\* y\|x \*\*\* y\|x \*\*\* y'
        $run.Output | Should -Not -Match ([regex]::Escape((Plain $Sandbox.Billbee.ApiKey)))
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description and an example' -ForEach $Cmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match '^\s*\S+ \[' # not the bare syntax pwsh prints when help is missing
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }
    It 'about_<_> is found' -ForEach 'Accounting.Integrations', 'IntegrationPolicy', 'IntegrationUnattended' {
        (Get-Help "about_$_" | Out-String).Length | Should -BeGreaterThan 500
    }
}

Describe 'Completers' {
    It 'Get-BillbeeOrder -State completes state names' {
        $line = 'Get-BillbeeOrder -State Shi'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'Shipped'
    }
    It 'New-IntegrationPolicy -Baseline completes the shipped baselines' {
        $line = 'New-IntegrationPolicy -Baseline bil'
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $matches | Should -Contain 'billecta'
        $matches | Should -Contain 'billecta-realestate'
    }
}

Describe 'Errors' {
    It 'a cmdlet used before Connect-* is Module.NotConnected, in a fresh session' {
        $run = Invoke-Pwsh -Command "Import-Module '$ModuleManifest'; try { Get-BillbeeShop -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $run.Output | Should -BeLike 'Module.NotConnected*'
    }
    It 'a bad parameter value names the parameter and the fix (Module.InvalidParameter)' {
        { Invoke-IntegrationOnboarding -Profile nobody -Report Markdown -ErrorAction Stop } | Should -Throw -ErrorId 'Module.InvalidParameter*'
    }
    It 'Stop-IntegrationSandbox refuses a process it did not start' {
        Stop-IntegrationSandbox -ProcessId $PID -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'Module.InvalidParameter*'
        Test-ProcessAlive $PID | Should -BeTrue
    }
}
