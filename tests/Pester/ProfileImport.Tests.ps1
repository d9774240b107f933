# Import-IntegrationProfile: many customers' profiles in one write, from a file in the profile schema or from piped
# profiles and rows; all or nothing, under the profile file's lock, secret references only.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $ProfileFile = Join-Path $env:ACCOUNTING_INTEGRATIONS_CONFIG 'profiles.yaml'
    function Get-FileText { if (Test-Path $ProfileFile) { [System.IO.File]::ReadAllText($ProfileFile) } else { '' } }
    function New-Row([string] $Name, [string] $User = 'admin@example.test') {
        [pscustomobject]@{
            ProfileName = $Name; Service = 'Billbee'; Setting = @{ username = $User; baseUrl = 'https://api.billbee.io/api/v1/' }
            SecretReference = @{ apiPassword = "vault:Company/$Name-billbee"; apiKey = 'env:BILLBEE_API_KEY' }
        }
    }
    function Reset-Profiles { Remove-Item $ProfileFile -ErrorAction SilentlyContinue }
}

Describe 'Import-IntegrationProfile' {
    BeforeEach { Reset-Profiles }

    It 'imports a file in the profile schema in one call and returns the saved profiles' {
        $file = Join-Path $TestDrive 'customers.yaml'
        Set-Content $file @'
schemaVersion: 1
profiles:
  contoso:
    description: Contoso GmbH
    services:
      Billbee:
        settings: { username: admin@contoso.test }
        secrets:
          apiPassword: { vault: Company, secret: contoso-billbee }
          apiKey: env:BILLBEE_API_KEY
      Tripletex:
        settings: { environment: Test }
        secrets: { employeeToken: { env: CONTOSO_TT_EMPLOYEE }, consumerToken: env:TT_CONSUMER }
  fabrikam:
    services:
      Lime:
        settings: { application: crm }
        secrets: { apiKey: env:FABRIKAM_LIME_KEY }
'@
        $saved = Import-IntegrationProfile $file
        $saved | ForEach-Object Name | Should -Be contoso, fabrikam
        $saved[0].GetType().FullName | Should -Be 'Accounting.Integrations.Core.Config.IntegrationProfile'
        $contoso = Get-IntegrationProfile contoso
        $contoso.Description | Should -Be 'Contoso GmbH'
        @($contoso.Services.Keys) | Should -Be Billbee, Tripletex
        $contoso.Services['Billbee'].Secrets['apiPassword'].SecretName | Should -Be contoso-billbee
        $contoso.Services['Tripletex'].Secrets['consumerToken'].EnvironmentVariable | Should -Be TT_CONSUMER
    }

    It 'piped rows and piped profiles (by type) are imported; a row''s profile name is its ProfileName' {
        $rows = 1..50 | ForEach-Object { New-Row ('customer-{0:000}' -f $_) }
        $rows += @{ ProfileName = 'customer-001'; Service = 'Lime'; Setting = @{ application = 'crm' }; SecretReference = @{ apiKey = 'env:LIME_KEY' }; Description = 'as a hashtable' }
        @($rows | Import-IntegrationProfile).Count | Should -Be 50
        @(Get-IntegrationProfile customer-*).Count | Should -Be 50
        @((Get-IntegrationProfile customer-001).Services.Keys) | Should -Be Billbee, Lime

        # The profiles as Get-IntegrationProfile returns them, into another profile folder (another machine's).
        $profiles = Get-IntegrationProfile 'customer-00[12]'
        $saved = $env:ACCOUNTING_INTEGRATIONS_CONFIG
        try {
            $env:ACCOUNTING_INTEGRATIONS_CONFIG = Join-Path $TestDrive 'other-machine'
            @($profiles | Import-IntegrationProfile).Count | Should -Be 2
            (Get-IntegrationProfile customer-001).Description | Should -Be 'as a hashtable'
            @((Get-IntegrationProfile customer-001).Services.Keys) | Should -Be Billbee, Lime
        }
        finally { $env:ACCOUNTING_INTEGRATIONS_CONFIG = $saved }
    }

    It 'an object with a Name but no ProfileName (a shop, a customer) is refused, and nothing is written' {
        $shop = [pscustomobject]@{ Name = 'My shop'; Id = 7; Service = 'Billbee' }
        { $shop | Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -ExpectedMessage '*neither a profile*nor a row with ProfileName*call it ProfileName*'
        Test-Path $ProfileFile | Should -BeFalse
    }

    It 'a concurrent New-IntegrationProfile during an import loses nothing' {
        # A second process saves profiles one at a time from before the import starts until after it has ended.
        $done = Join-Path $TestDrive 'import-done'
        $job = Start-Job -ScriptBlock {
            $env:ACCOUNTING_INTEGRATIONS_CONFIG = $using:env:ACCOUNTING_INTEGRATIONS_CONFIG
            Import-Module $using:ModuleManifest
            $i = 0; $after = 0
            while ($after -lt 3 -and $i -lt 500) {
                $i++
                if (Test-Path $using:done) { $after++ }
                New-IntegrationProfile "single-$i" Billbee -Setting @{ username = 'u@example.test' } -SecretReference @{ apiKey = 'env:K' } -Confirm:$false > $null
            }
            $i
        }
        try {
            (Wait-Until { Test-Path $ProfileFile } 120) | Should -BeTrue
            $imported = 1..300 | ForEach-Object { New-Row ('bulk-{0:000}' -f $_) } | Import-IntegrationProfile
            New-Item $done > $null
            $written = Receive-Job $job -Wait
        }
        finally { $job | Remove-Job -Force }
        Write-Host "The other process saved $written profiles one at a time around the import of 300."
        @($imported).Count | Should -Be 300
        $names = @(Get-IntegrationProfile | ForEach-Object Name)
        $expected = @(1..$written | ForEach-Object { "single-$_" }) + @(1..300 | ForEach-Object { 'bulk-{0:000}' -f $_ })
        @($expected | Where-Object { $_ -notin $names }) | Should -BeNullOrEmpty
        $names.Count | Should -Be $expected.Count
    }

    It 'bad input changes nothing, names the parameter and what to fix, and does not echo the secret' {
        New-Row keep | Import-IntegrationProfile > $null
        $before = Get-FileText
        $bad = @(1..20 | ForEach-Object { New-Row ('customer-{0:000}' -f $_) })
        $bad[7].SecretReference = @{ apiPassword = 'Hunter2-Hunter2' }
        $thrown = { $bad | Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'Module.ProfileInvalid*'
        $thrown.Exception.ParamName | Should -Be InputObject
        $thrown.Exception.Message | Should -BeLike "*row 8 (customer-008 Billbee): SecretReference 'apiPassword' must be 'env:VARIABLE' or 'vault:Vault/SecretName'*"
        "$thrown $($thrown.Exception)" | Should -Not -Match 'Hunter2'

        $file = Join-Path $TestDrive 'bad.yaml'
        Set-Content $file "schemaVersion: 1`nprofiles:`n  fabrikam:`n    services:`n      Billbee:`n        settings: { username: a, apiPassword: Hunter2-Hunter2 }`n"
        $thrown = { Import-IntegrationProfile $file -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.Exception.ParamName | Should -Be Path
        $thrown.Exception.Message | Should -BeLike "*fabrikam*bad.yaml*apiPassword*looks like a secret*"
        "$thrown" | Should -Not -Match 'Hunter2'
        { Import-IntegrationProfile (Join-Path $TestDrive 'none-*.yaml') -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Path*matches no file*'
        { Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Give -Path*'
        Get-FileText | Should -Be $before
    }

    It 'an error names the parameter its input came by, whatever the profile name says' {
        # A row whose profile name reads like a file's source: the parameter was once worked out from the message text.
        $row = [pscustomobject]@{ ProfileName = 'odd (-Path customers.yaml)'; Service = 'NoSuchService' }
        $thrown = { $row | Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.Exception.ParamName | Should -Be InputObject
        $thrown.Exception.Message | Should -BeLike "*row 1 (odd (-Path customers.yaml) NoSuchService): Service must be one of*"

        # A piped profile object whose name does: its problem is found when it is merged, and names -InputObject too.
        $profile = New-Row good | Import-IntegrationProfile
        $before = Get-FileText
        $profile.Name = 'bad (-Path x.yaml)'
        $thrown = { $profile | Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.Exception.ParamName | Should -Be InputObject
        $thrown.Exception.Message | Should -BeLike "*Profile name 'bad (-Path x.yaml)' must start with a letter or digit*"
        Get-FileText | Should -Be $before
    }

    It '-Path is resolved as Merge-IntegrationOnboardingResult resolves it: a missing file, a folder, another provider' {
        $thrown = { Import-IntegrationProfile (Join-Path $TestDrive 'missing.yaml') -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.Exception.ParamName | Should -Be Path
        $thrown.Exception.Message | Should -BeLike '*-Path: there is no file*missing.yaml; give a file in the profile schema (e.g. ./customers.yaml).*'
        { Import-IntegrationProfile $TestDrive -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Path*is a folder; give a file in the profile schema*'
        { Import-IntegrationProfile 'Env:/PATH' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Path*Environment provider, not a file*'
        { Import-IntegrationProfile 'Env:/PAT*' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Path*Environment provider, not a file*'
        { Merge-IntegrationOnboardingResult 'Env:/PAT*' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Path*Environment provider, not a file*'
        Test-Path $ProfileFile | Should -BeFalse
    }

    It '-WhatIf writes nothing' {
        1..5 | ForEach-Object { New-Row "w-$_" } | Import-IntegrationProfile -WhatIf
        Test-Path $ProfileFile | Should -BeFalse
    }

    It 'a connection a profile has is replaced only with -Force, and the profile keeps its other connections' {
        New-IntegrationProfile contoso Lime -Setting @{ application = 'crm' } -SecretReference @{ apiKey = 'env:LIME_KEY' } -Confirm:$false > $null
        New-Row contoso old@contoso.test | Import-IntegrationProfile > $null
        $before = Get-FileText
        $thrown = { New-Row contoso new@contoso.test | Import-IntegrationProfile -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.Exception.ParamName | Should -Be Force
        $thrown.Exception.Message | Should -BeLike "*Profile 'contoso' already has a Billbee connection*-Force*"
        Get-FileText | Should -Be $before
        New-Row contoso new@contoso.test | Import-IntegrationProfile -Force > $null
        $contoso = Get-IntegrationProfile contoso
        $contoso.Services['Billbee'].Settings['username'] | Should -Be new@contoso.test
        @($contoso.Services.Keys) | Should -Be Billbee, Lime
    }

    It 'the profile file holds the references, never the secrets, and is readable by its owner only' {
        $env:PESTER_IMPORT_SECRET = 'secret-' + [guid]::NewGuid().ToString('N')
        [pscustomobject]@{ ProfileName = 'ref'; Service = 'Billbee'; SecretReference = @{ apiKey = 'env:PESTER_IMPORT_SECRET' } } | Import-IntegrationProfile > $null
        $text = Get-FileText
        $text | Should -Match 'env: PESTER_IMPORT_SECRET'
        $text | Should -Not -Match $env:PESTER_IMPORT_SECRET
        if (-not $IsWindows) { (Get-Item $ProfileFile).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }
}
