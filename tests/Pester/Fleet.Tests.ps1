# The fleet: many processes on one machine sharing one account's budget, result files, shards and the merged dashboard.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Sandbox = Start-IntegrationSandbox
    $env:PESTER_BILLBEE_PASSWORD = Plain $Sandbox.Billbee.Credential.Password
    $env:PESTER_BILLBEE_KEY = Plain $Sandbox.Billbee.ApiKey
    function Get-SandboxRequest([string] $Service) { @(Invoke-RestMethod "$($Sandbox.Url)_sandbox/requests?service=$Service") }
    function New-BillbeeProfile([string] $Name) {
        New-IntegrationProfile $Name Billbee -Force -Confirm:$false -Setting @{
            baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName
            administratorConfirmedBy = 'Pester, checked by hand 2026-11-30'; importStateIds = '2,3'
        } -SecretReference @{ apiPassword = 'env:PESTER_BILLBEE_PASSWORD'; apiKey = 'env:PESTER_BILLBEE_KEY' } > $null
    }
}

AfterAll {
    $Sandbox | Stop-IntegrationSandbox
}

Describe 'One account, one budget, on the whole machine' {
    It '20 Start-Job processes onboarding-checking one Billbee account get no 429 and no false Fail' {
        # The issue's case: 20 jobs on one account (2 calls/s per endpoint) made 41 429s and one false Fail with a per-process limiter.
        New-BillbeeProfile shared
        $before = (Get-SandboxRequest billbee).Count
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $jobs = 1..20 | ForEach-Object {
            Start-Job -ScriptBlock {
                $env:ACCOUNTING_INTEGRATIONS_CONFIG = $using:env:ACCOUNTING_INTEGRATIONS_CONFIG
                Import-Module $using:ModuleManifest
                Invoke-IntegrationOnboarding -Profile shared -Service Billbee -ErrorAction Continue -WarningAction SilentlyContinue |
                    Select-Object Check, @{ n = 'Status'; e = { "$($_.Status)" } }, Detail
            }
        }
        $results = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors
        $watch.Stop()
        $requests = Get-SandboxRequest billbee | Select-Object -Skip $before
        Write-Host "20 jobs: $([math]::Round($watch.Elapsed.TotalSeconds, 1)) s wall, $($requests.Count) Billbee calls, $(@($requests | Where-Object Status -eq 429).Count) x 429"
        @($requests | Where-Object Status -eq 429).Count | Should -Be 0
        $jobErrors | Should -BeNullOrEmpty
        @($results | Where-Object Status -in 'Fail', 'Throttled' | ForEach-Object { "$($_.Status) $($_.Check): $($_.Detail)" }) | Should -BeNullOrEmpty
        @($results | Where-Object Check -eq 'Connection and credentials' | Where-Object Status -eq 'Pass').Count | Should -Be 20
    }
}

Describe 'Its streams' {
    It 'Invoke-IntegrationOnboarding -Verbose shows each call it makes, and without -Verbose nothing is written to that stream' {
        # Its BeginProcessing once skipped the base's, and the calls' verbose lines are made only where the stream shows.
        New-BillbeeProfile verbosecheck
        $verbose = @(Invoke-IntegrationOnboarding -Profile verbosecheck -Service Billbee -Verbose -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($verbose | Where-Object { $_ -match '^Billbee: GET \S+ -> \d+ in \d+ ms' }).Count | Should -BeGreaterThan 0
        $quiet = @(Invoke-IntegrationOnboarding -Profile verbosecheck -Service Billbee -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $quiet.Count | Should -Be 0
    }
}

Describe 'The fleet dashboard in a real headless browser' {
    BeforeAll {
        # Debian's chromium. A fresh clone (CI) installs it here when it is missing: apt-get as root, or sudo -n.
        $Chromium = '/usr/bin/chromium'
        if (-not (Test-Path $Chromium)) {
            $apt = 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium'
            if ((id -u) -eq '0') { bash -c "$apt" 2>&1 | Out-Null } else { bash -c "sudo -n bash -c '$apt'" 2>&1 | Out-Null }
        }
        if (-not (Test-Path $Chromium)) { throw "No $Chromium and it could not be installed: run 'apt-get install -y chromium' as root." }
        $Artefacts = Join-Path $RepoRoot 'out/test-artefacts'
        New-Item -ItemType Directory -Force $Artefacts > $null
        $Dashboard = Join-Path $Artefacts 'fleet-dashboard.html'
        $Screenshot = Join-Path $Artefacts 'fleet-dashboard.png'
        # A canary secret: the wrong API password of one customer, so its checks fail and their details are near it.
        $Canary = 'canary-' + [guid]::NewGuid().ToString('N')
        $env:PESTER_CANARY = $Canary
        New-BillbeeProfile fjordvik
        New-BillbeeProfile nordlys
        New-IntegrationProfile wrongpassword Billbee -Force -Confirm:$false -Setting @{
            baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName; importStateIds = '2,3,999'
        } -SecretReference @{ apiPassword = 'env:PESTER_CANARY'; apiKey = 'env:PESTER_BILLBEE_KEY' } > $null
        Invoke-IntegrationOnboarding -Profile fjordvik, nordlys, wrongpassword -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Merge-IntegrationOnboardingResult -Destination $Dashboard > $null
        function Invoke-Chromium([string[]] $Arguments) {
            $profileDir = [System.IO.Directory]::CreateTempSubdirectory('ai-chromium-').FullName
            try {
                # stdout is the page (--dump-dom); stderr the browser's log, where the page's console messages and errors go.
                $log = Join-Path $profileDir 'stderr.log'
                $out = & $Chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=$profileDir --enable-logging=stderr --v=0 @Arguments 2> $log | ForEach-Object { "$_" }
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($out); Log = @(Get-Content $log) }
            }
            finally { Remove-Item -Recurse -Force $profileDir -ErrorAction SilentlyContinue }
        }
        $Url = [System.Uri]::new($Dashboard).AbsoluteUri # a cast ([Uri]$path) gives a relative URI without AbsoluteUri
        $Dom = Invoke-Chromium @('--dump-dom', $Url)
        $Shot = Invoke-Chromium @("--screenshot=$Screenshot", '--window-size=1280,900', '--hide-scrollbars', $Url)
    }

    It 'renders the matrix with the failing customer first and every cell linked to its detail' {
        $Dom.ExitCode | Should -Be 0
        $dom = $Dom.Output -join "`n"
        $dom | Should -Match '<table id="matrix">'
        $rows = [regex]::Matches($dom, '<tr class="customer" data-customer="([^"]+)"') | ForEach-Object { $_.Groups[1].Value }
        $rows | Should -Be @('wrongpassword', 'fjordvik', 'nordlys')
        $dom | Should -Match 'class="cell Fail"><a href="#c0-0"'
        $dom | Should -Match '<tr id="c0-0">'
    }

    It 'runs its script to the end with no script error' {
        ($Dom.Output -join "`n") | Should -Match '<body data-ready="1">'
        # The page's console lines are "CONSOLE(n)"; an uncaught error or a blocked load is logged there by the browser.
        @($Dom.Log + $Shot.Log | Where-Object { $_ -match 'CONSOLE|Uncaught|Refused to (load|execute|apply)' }) | Should -BeNullOrEmpty
    }

    It 'a screenshot shows it (out/test-artefacts/fleet-dashboard.png)' {
        $Shot.ExitCode | Should -Be 0
        Test-Path $Screenshot | Should -BeTrue
        $bytes = [System.IO.File]::ReadAllBytes($Screenshot)
        # A PNG of the window's size: width and height are the IHDR's first two big-endian words.
        [System.BitConverter]::ToString($bytes, 0, 4) | Should -Be '89-50-4E-47'
        $width = ([int]$bytes[16] -shl 24) -bor ([int]$bytes[17] -shl 16) -bor ([int]$bytes[18] -shl 8) -bor [int]$bytes[19]
        $width | Should -Be 1280
        $bytes.Length | Should -BeGreaterThan 20000 # a blank page is a few KB
    }

    It 'leaks no canary secret, neither in the file nor in what the browser rendered' {
        [System.IO.File]::ReadAllText($Dashboard) | Should -Not -Match $Canary
        ($Dom.Output -join "`n") | Should -Not -Match $Canary
    }
}

Describe 'Merge-IntegrationOnboardingResult' {
    BeforeAll {
        $Work = [System.IO.Directory]::CreateTempSubdirectory('ai-merge-').FullName
        function Line([string] $Profile, [string] $At, [string] $Status) {
            "{`"v`":1,`"profile`":`"$Profile`",`"at`":`"$At`",`"service`":`"Billbee`",`"check`":`"Order states`",`"status`":`"$Status`",`"detail`":`"d`",`"evidence`":`"e`",`"retryable`":false,`"fix`":null,`"seconds`":0.1}"
        }
        Set-Content (Join-Path $Work 'w1.jsonl') @((Line acme 2026-12-01T06:00:00Z Fail), (Line beta 2026-12-01T06:00:00Z Pass))
        Set-Content (Join-Path $Work 'w2.jsonl') @((Line acme 2026-12-01T07:00:00Z Pass), (Line gamma 2026-12-01T06:00:00Z Warn))
    }

    It 'combines workers'' files, each customer once with its newest run, and names the older run in a warning' {
        $merged = Merge-IntegrationOnboardingResult -Path (Join-Path $Work 'w*.jsonl') -WarningVariable warnings -WarningAction SilentlyContinue
        @($merged | ForEach-Object Profile) | Should -Be @('acme', 'beta', 'gamma')
        ($merged | Where-Object Profile -eq acme).Status | Should -Be 'Pass'
        "$warnings" | Should -Match "Profile 'acme' appears more than once"
    }

    It 'writes the format the extension names, and returns the file' {
        foreach ($ext in 'html', 'md', 'csv', 'jsonl') {
            $file = Merge-IntegrationOnboardingResult (Join-Path $Work 'w1.jsonl') -Destination (Join-Path $Work "fleet.$ext")
            $file | Should -BeOfType [System.IO.FileInfo]
            $text = Get-Content -Raw $file.FullName
            switch ($ext) {
                'html' { $text | Should -Match '<table id="matrix">' }
                'md' { $text | Should -Match '\| acme \| Fail \|' }
                'csv' { (ConvertFrom-Csv $text | Where-Object Profile -eq acme).Status | Should -Be 'Fail' }
                'jsonl' { ($text -split "`n" | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json }).profile | Should -Be @('acme', 'beta') }
            }
        }
    }

    It 'a file that is not a result file is refused with the line that is wrong, and nothing is written' {
        Set-Content (Join-Path $Work 'bad.jsonl') @((Line acme 2026-12-01T06:00:00Z Pass), '{"hello":"world"}')
        $target = Join-Path $Work 'never.html'
        { Merge-IntegrationOnboardingResult (Join-Path $Work 'bad.jsonl') -Destination $target -ErrorAction Stop } |
            Should -Throw -ErrorId 'Module.InvalidParameter,Accounting.Integrations.Fleet.MergeIntegrationOnboardingResult' -ExpectedMessage '*bad.jsonl, line 2*'
        Test-Path $target | Should -BeFalse
    }

    It 'a path that matches nothing names -Path' {
        { Merge-IntegrationOnboardingResult (Join-Path $Work 'nothing-*.jsonl') -ErrorAction Stop } | Should -Throw -ExpectedMessage "*-Path*matches no file*"
        { Merge-IntegrationOnboardingResult (Join-Path $Work 'missing.jsonl') -ErrorAction Stop } | Should -Throw -ExpectedMessage "*-Path: there is no file*"
    }

    It '-WhatIf writes nothing' {
        $target = Join-Path $Work 'whatif.html'
        Merge-IntegrationOnboardingResult (Join-Path $Work 'w1.jsonl') -Destination $target -WhatIf
        Test-Path $target | Should -BeFalse
    }
}

Describe 'Many customers in one command, and n workers with -Shard k/n' {
    BeforeAll {
        # Eight customers on the ordinary sandbox, with different findings: clean, an unknown state id (Fail), no
        # administrator confirmation (Unverified), a wrong password (Fail).
        $Customers = 1..8 | ForEach-Object { 'fleet-{0:00}' -f $_ }
        foreach ($name in $Customers) {
            $n = [int]$name.Substring(6)
            $setting = @{ baseUrl = $Sandbox.Billbee.BaseUrl; username = $Sandbox.Billbee.Credential.UserName; importStateIds = if ($n % 3 -eq 0) { '2,999' } else { '2,3' } }
            if ($n % 2 -eq 0) { $setting.administratorConfirmedBy = 'Pester, checked by hand 2026-11-30' }
            $password = if ($n -eq 5) { 'env:PESTER_WRONG' } else { 'env:PESTER_BILLBEE_PASSWORD' }
            New-IntegrationProfile $name Billbee -Force -Confirm:$false -Setting $setting -SecretReference @{ apiPassword = $password; apiKey = 'env:PESTER_BILLBEE_KEY' } > $null
        }
        $env:PESTER_WRONG = 'not-the-password'
        $Work = [System.IO.Directory]::CreateTempSubdirectory('ai-shards-').FullName
        # What a result is, without its timing: the same customer checked twice must give the same. The one figure
        # that moves between two runs is Billbee's own call counter (the API usage row counts the first run's calls too).
        function Get-Finding { process {
            $detail = if ($_.Check -eq 'API usage') { $_.Detail -replace '[\d,. ]+', '#' } else { $_.Detail }
            "$($_.Profile)|$($_.Service)|$($_.Check)|$($_.Status)|$detail|$($_.Fix)" } }
    }

    It 'one command checks every customer a wildcard names, each result identical to the customer''s single-profile run' {
        $single = foreach ($name in $Customers) { Invoke-IntegrationOnboarding -Profile $name -ThrottleLimit 1 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $errors = $null
        $many = Invoke-IntegrationOnboarding -Profile 'fleet-*' -ThrottleLimit 4 -ResultPath (Join-Path $Work 'one.jsonl') -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($many | Get-Finding | Sort-Object) | Should -Be @($single | Get-Finding | Sort-Object)
        # Each failing customer still ends with its own Onboarding.CheckFailed error.
        @($errors | ForEach-Object TargetObject | Sort-Object) | Should -Be @('fleet-03', 'fleet-05', 'fleet-06')
        @($errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' } | Select-Object -Unique) | Should -Be 'Onboarding.CheckFailed'
    }

    It 'piped Get-IntegrationProfile and repeated names check each customer once' {
        $results = Get-IntegrationProfile 'fleet-0[12]' | Invoke-IntegrationOnboarding -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $again = Invoke-IntegrationOnboarding -Profile fleet-01, FLEET-01, 'fleet-0[1]' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($results | ForEach-Object Profile | Select-Object -Unique) | Should -Be @('fleet-01', 'fleet-02')
        @($again | ForEach-Object Profile | Select-Object -Unique) | Should -Be @('fleet-01')
        @($again).Count | Should -Be @($results | Where-Object Profile -eq fleet-01).Count
    }

    It '-Shard 1/4 … 4/4 in four pwsh processes, merged, give one run''s results, each customer once' {
        $jobs = 1..4 | ForEach-Object {
            $k = $_
            Start-Job -ScriptBlock {
                $env:ACCOUNTING_INTEGRATIONS_CONFIG = $using:env:ACCOUNTING_INTEGRATIONS_CONFIG
                Import-Module $using:ModuleManifest
                Invoke-IntegrationOnboarding -Profile * -Shard "$using:k/4" -ResultPath (Join-Path $using:Work "shard-$using:k-of-4.jsonl") -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                    ForEach-Object Profile | Select-Object -Unique
            }
        }
        $perShard = @($jobs | ForEach-Object { , @(Receive-Job $_ -Wait) })
        $jobs | Remove-Job
        # Disjoint and covering: every customer in exactly one shard.
        $all = @($perShard | ForEach-Object { $_ } | Where-Object { $_ -like 'fleet-*' })
        @($all | Sort-Object) | Should -Be @($Customers)
        $merged = Merge-IntegrationOnboardingResult -Path (Join-Path $Work 'shard-*-of-4.jsonl') -WarningVariable overlaps -WarningAction SilentlyContinue | Where-Object Profile -like 'fleet-*'
        $overlaps | Should -BeNullOrEmpty
        $one = Merge-IntegrationOnboardingResult -Path (Join-Path $Work 'one.jsonl')
        @($merged | Get-Finding | Sort-Object) | Should -Be @($one | Get-Finding | Sort-Object)
        $dashboard = Merge-IntegrationOnboardingResult -Path (Join-Path $Work 'shard-*-of-4.jsonl') -Destination (Join-Path $Work 'fleet.html')
        foreach ($name in $Customers) { ([regex]::Matches((Get-Content -Raw $dashboard.FullName), "<tr class=`"customer`" data-customer=`"$name`"")).Count | Should -Be 1 }
    }

    It 'a shard that is not k/n is refused naming -Shard, and nothing is checked' {
        { Invoke-IntegrationOnboarding -Profile fleet-01 -Shard 5/4 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Shard*k/n*'
    }
}
