# Issue #19, packaging: the built module published to a local file repository with PSResourceGet (which ships with
# pwsh 7.6), found by a command name, saved into a fresh folder and run from there; HelpUri; TLS 1.2 on .NET Framework.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Root = [System.IO.Directory]::CreateTempSubdirectory('ai-package-').FullName
    $RepoFolder = New-Item -ItemType Directory (Join-Path $Root 'repository')
    $Stage = Join-Path $Root 'stage/Accounting.Integrations'
    Copy-Item -Recurse $ModuleFolder $Stage
    Remove-Item -Recurse -Force (Join-Path $Stage 'sandbox') -ErrorAction SilentlyContinue # the emulator is not part of a release
    $RepoName = 'AccountingIntegrationsTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $RepoName -Uri $RepoFolder.FullName -Trusted
    Publish-PSResource -Path $Stage -Repository $RepoName
    $Manifest = Import-PowerShellDataFile $ModuleManifest
}

AfterAll {
    Unregister-PSResourceRepository -Name $RepoName -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Publish, find, install, run' {
    It 'Find-PSResource -CommandName finds the module by a cmdlet it exports' {
        (Find-PSResource -CommandName Get-BillbeeOrder -Repository $RepoName).ParentResource.Name | Should -Contain 'Accounting.Integrations'
        (Find-PSResource -CommandName Invoke-TripletexRequest -Repository $RepoName).ParentResource.Name | Should -Contain 'Accounting.Integrations'
    }
    It 'every exported cmdlet has its PSCommand_ tag (the list cannot drift from CmdletsToExport)' {
        $tags = $Manifest.PrivateData.PSData.Tags
        @($Manifest.CmdletsToExport | Where-Object { "PSCommand_$_" -notin $tags }) | Should -BeNullOrEmpty
        @($tags | Where-Object { $_ -like 'PSCommand_*' -and $_.Substring(10) -notin $Manifest.CmdletsToExport }) | Should -BeNullOrEmpty
    }
    It 'saved into a fresh folder, it imports from there and runs a cmdlet' {
        $fresh = New-Item -ItemType Directory (Join-Path $Root 'fresh')
        Save-PSResource -Name Accounting.Integrations -Repository $RepoName -Path $fresh.FullName -TrustRepository
        $pwsh = Get-PwshCommand
        $script = "`$env:PSModulePath = '$($fresh.FullName)'; Import-Module Accounting.Integrations -ErrorAction Stop; (Get-Module Accounting.Integrations).ModuleBase; " +
            "`$c = [pscredential]::new('user', (ConvertTo-SecureString 'pass-word-1' -AsPlainText -Force)); (New-BillectaAuthorization -Credential `$c | Test-BillectaAuthorization).Valid"
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[0] | Should -BeLike "$($fresh.FullName)*"
        $output[-1] | Should -Be 'True'
    }
}

Describe 'Manifest metadata' {
    It 'the release notes name all five services' {
        foreach ($service in 'Billecta', 'Lime', 'Tripletex', 'Billbee', 'iFirma') { $Manifest.PrivateData.PSData.ReleaseNotes | Should -Match $service }
    }
    It '<_> has a HelpUri to its own help page' -ForEach @('Get-BillbeeOrder', 'Invoke-LimeRequest', 'Get-IntegrationConnection', 'Connect-Tripletex') {
        (Get-Command $_).HelpUri | Should -Be "$($Manifest.PrivateData.PSData.ProjectUri)/blob/main/module/help/$_.yml"
    }
    It 'every cmdlet has a HelpUri' {
        @(Get-Command -Module Accounting.Integrations | Where-Object { -not $_.HelpUri }).Name | Should -BeNullOrEmpty
    }
    It 'TLS 1.2 is added to an explicit protocol list that lacks it, and nothing is taken away (the .NET Framework import path)' {
        $saved = [System.Net.ServicePointManager]::SecurityProtocol
        try {
            [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::Tls11
            [Accounting.Integrations.Infrastructure.ModuleInitializer]::EnableTls12()
            [System.Net.ServicePointManager]::SecurityProtocol.HasFlag([System.Net.SecurityProtocolType]::Tls12) | Should -BeTrue
            [System.Net.ServicePointManager]::SecurityProtocol.HasFlag([System.Net.SecurityProtocolType]::Tls11) | Should -BeTrue
            [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::SystemDefault
            [Accounting.Integrations.Infrastructure.ModuleInitializer]::EnableTls12()
            [System.Net.ServicePointManager]::SecurityProtocol | Should -Be ([System.Net.SecurityProtocolType]::SystemDefault)
        }
        finally { [System.Net.ServicePointManager]::SecurityProtocol = $saved }
    }
}
