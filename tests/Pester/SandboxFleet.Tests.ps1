# The sandbox as a fleet: Start-IntegrationSandbox -Customers N returns N customers with their own accounts, the demo's
# New-SandboxCustomerProfile makes their profiles, and onboarding a healthy and a faulted customer differs as seeded.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    . (Join-Path $RepoRoot 'demo/SandboxCustomerProfiles.ps1')
    # Every 2nd customer faulted: 2 has a changed Billbee password, 4 a Tripletex employee without the rights.
    $Fleet = Start-IntegrationSandbox -Customers 5 -CustomerFaultEvery 2
}
AfterAll { $Fleet | Stop-IntegrationSandbox }

Describe 'Start-IntegrationSandbox -Customers' {
    It 'returns every customer once, each under its own URL with its own credentials as SecureString and PSCredential' {
        $Fleet.Customers.Customer | Should -Be 1, 2, 3, 4, 5
        $Fleet.Customers.Name | Should -Be customer-001, customer-002, customer-003, customer-004, customer-005
        $Fleet.Customers[2].Billbee.BaseUrl | Should -Be "$($Fleet.Url)c/003/billbee/api/v1/"
        $Fleet.Customers[2].Billbee.ApiKey | Should -BeOfType [securestring]
        $Fleet.Customers[2].Billbee.Credential | Should -BeOfType [pscredential]
        @($Fleet.Customers | ForEach-Object { Plain $_.Billbee.ApiKey } | Select-Object -Unique).Count | Should -Be 5
        Plain $Fleet.Customers[0].Tripletex.ConsumerToken | Should -Not -Be (Plain $Fleet.Tripletex.ConsumerToken)
        $Fleet.Customers[1].Faults | Should -Be billbee-wrong-password
        $Fleet.Customers[3].Faults | Should -Be tripletex-no-rights
        @($Fleet.Customers[0].Faults).Count | Should -Be 0
    }
    It 'prints no customer secret' {
        $shown = ($Fleet | Format-List | Out-String) + ($Fleet.Customers | Format-List | Out-String)
        foreach ($c in $Fleet.Customers) {
            $shown | Should -Not -Match ([regex]::Escape((Plain $c.Billbee.ApiKey)))
            $shown | Should -Not -Match ([regex]::Escape((Plain $c.Billbee.Credential.Password)))
        }
        $shown | Should -Match 'customer-002  \(seeded fault: billbee-wrong-password\)'
    }
}

Describe 'Onboarding the fleet''s customers' {
    It 'a healthy and a faulted customer differ as seeded, and only there' {
        $names = $Fleet.Customers[0, 1, 3] | New-SandboxCustomerProfile
        $names | Should -Be customer-001, customer-002, customer-004
        (Get-IntegrationProfile customer-002).Services.Keys | Should -HaveCount 5
        $healthy = Invoke-IntegrationOnboarding -Profile customer-001
        $billbee = Invoke-IntegrationOnboarding -Profile customer-002 -ErrorAction SilentlyContinue -ErrorVariable failed
        $tripletex = Invoke-IntegrationOnboarding -Profile customer-004 -ErrorAction SilentlyContinue

        $healthy | Where-Object Status -eq Fail | Should -BeNullOrEmpty
        function Statuses($results) { $results | ForEach-Object { "$($_.Service)/$($_.Check)=$($_.Status)" } }
        # Customer 2: its Billbee credentials are refused, the rest of its accounts are as healthy as customer 1's.
        ($billbee | Where-Object { $_.Service -eq 'Billbee' -and $_.Check -eq 'Connection and credentials' }).Status | Should -Be Fail
        Statuses ($billbee | Where-Object Service -ne Billbee) | Should -Be (Statuses ($healthy | Where-Object Service -ne Billbee))
        $failed | Should -Not -BeNullOrEmpty
        # Customer 4: its Tripletex employee may not read customers and invoices; its Billbee is fine.
        ($tripletex | Where-Object { $_.Service -eq 'Tripletex' -and $_.Check -eq 'Access' }).Status | Should -Be Fail
        ($tripletex | Where-Object { $_.Service -eq 'Billbee' -and $_.Check -eq 'Connection and credentials' }).Status | Should -Be Pass
        Statuses ($tripletex | Where-Object Service -ne Tripletex) | Should -Be (Statuses ($healthy | Where-Object Service -ne Tripletex))
    }
}
