using System.Text;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Security;

/// <summary>
/// A unique canary in every credential parameter of every Connect-* cmdlet (and the Billecta header cmdlets),
/// then every cmdlet of each service run with -Verbose and debug output against the sandbox, failing runs
/// included: no canary, in any encoding, may appear in any stream, host text, error or exception.
/// </summary>
[Collection("Module")]
public class SecretCanaryTests(ModuleSession session, ITestOutputHelper log)
{
    static string Canary(string what) => "CANARY" + what + Guid.NewGuid().ToString("N")[..12];
    static string Hex() => Convert.ToHexString(Guid.NewGuid().ToByteArray()[..8]);

    [Fact]
    public void No_canary_reaches_any_stream()
    {
        var canaries = new Dictionary<string, string>
        {
            ["BillbeePassword"] = Canary("bbpw"), ["BillbeeKey"] = Canary("bbkey"),
            ["TripletexConsumer"] = Canary("ttcons"), ["TripletexEmployee"] = Canary("ttemp"),
            ["IFirmaFaktura"] = Hex(), ["IFirmaRachunek"] = Hex(), ["IFirmaAbonent"] = Hex(), ["IFirmaWydatek"] = Hex(),
            ["BillectaPassword"] = Canary("blpw"), ["BillectaToken"] = Canary("bltok"), ["LimeKey"] = Canary("limekey"),
        };
        foreach (var c in canaries) session.SetVariable("C_" + c.Key, c.Value);
        var config = Path.Combine(Path.GetTempPath(), "canary-config-" + Guid.NewGuid().ToString("N") + ".yaml");
        session.SetVariable("CanaryConfig", config);
        session.SetVariable("BillectaProd", new Uri(session.Sandbox.BaseUri, session.Sandbox.Billecta.BasePath).AbsoluteUri);
        session.Sandbox.Lime.RequestsPerFiveMinutes = 60000;
        try
        {
            var result = session.Run("""
                $DebugPreference = 'Continue'
                $VerbosePreference = 'Continue'
                $ErrorActionPreference = 'Continue'
                Connect-Billbee -BaseUrl $BillbeeUrl -Credential ([pscredential]::new('admin@sandbox-shop.test', (Secure $C_BillbeePassword))) -ApiKey (Secure $C_BillbeeKey) -MaxAttempts 1 -PassThru
                Test-BillbeeConnection; Get-BillbeeOrderState; Get-BillbeeShop; Get-BillbeeOrder -First 1; Get-BillbeeOrder -Id 1; Set-BillbeeOrderState -Id 1 -State Shipped -Confirm:$false

                Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken (Secure $C_TripletexConsumer) -EmployeeToken (Secure $C_TripletexEmployee) -MaxAttempts 1 -PassThru
                Test-TripletexConnection; New-TripletexSession -Confirm:$false; Test-TripletexAccess; Get-TripletexEntitlement; Get-TripletexCustomer; Get-TripletexInvoice; Test-TripletexNumberSeries -ShopInvoiceStart 6000; Remove-TripletexSession -Confirm:$false

                Connect-IFirma -BaseUrl $IFirmaUrl -Login $IFirmaLogin -InvoiceKey (Secure $C_IFirmaFaktura) -BillKey (Secure $C_IFirmaRachunek) -SubscriberKey (Secure $C_IFirmaAbonent) -ExpenseKey (Secure $C_IFirmaWydatek) -MaxAttempts 1 -PassThru
                Test-IFirmaConnection; Get-IFirmaApiLimit; Request-IFirmaApiLimit -Requested 5000; Get-IFirmaInvoice; Get-IFirmaAccountingMonth

                $cred = [pscredential]::new('api@fjordvik.se', (Secure $C_BillectaPassword))
                $auth = New-BillectaAuthorization -Credential $cred
                $auth | Test-BillectaAuthorization
                New-BillectaAuthorization -SecureToken (Secure $C_BillectaToken) | Test-BillectaAuthorization
                $auth | Set-LimeApplicationConfig -Path $CanaryConfig -Application crm -Environment Test -WhatIf
                $auth | Set-LimeApplicationConfig -Path $CanaryConfig -Application crm -Environment Test -Confirm:$false
                Connect-Billecta -Credential $cred -BaseUrl $BillectaProd -MaxAttempts 1 -PassThru
                Test-BillectaConnection; Get-BillectaCreditor; Get-BillectaDebtor -CreditorPublicId x; Get-BillectaInvoice -CreditorPublicId x; Get-BillectaPayment -CreditorPublicId x
                Connect-Billecta -SecureToken (Secure $C_BillectaToken) -BaseUrl $BillectaProd -MaxAttempts 1 -PassThru | Test-BillectaConnection
                Connect-Billecta -Credential $cred -BaseUrl $BillectaProd -UseSecureToken -MaxAttempts 1

                Connect-Lime -BaseUrl $LimeUrl -ApiKey (Secure $C_LimeKey) -MaxAttempts 1 -PassThru
                Test-LimeConnection; Get-IntegrationMonitor; Remove-IntegrationMonitorLog -OlderThan 30 -Confirm:$false
                """);
            var text = result.AllText();
            Assert.True(result.Errors.Count >= 10, "the runs with wrong credentials must fail, or the sweep proves little");
            Assert.NotEmpty(result.Debug);
            var forms = canaries.Values.SelectMany(c => new[]
            {
                c, Convert.ToBase64String(Encoding.UTF8.GetBytes(c)), Uri.EscapeDataString(c),
                Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@sandbox-shop.test:" + c)), Convert.ToBase64String(Encoding.UTF8.GetBytes("api@fjordvik.se:" + c)),
            }).ToList();
            var found = forms.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
            log.WriteLine($"{canaries.Count} canaries in {forms.Count} forms searched in {text.Length:N0} characters from {result.Errors.Count} errors, {result.Verbose.Count} verbose and {result.Debug.Count} debug records: {found.Count} found");
            Assert.Empty(found);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(config) + "*")) File.Delete(f);
            if (File.Exists(config)) File.Delete(config);
        }
    }

    /// <summary>
    /// The profile path: canaries only in environment variables a profile refers to, then every Connect-* -Profile,
    /// the onboarding (failing, with reports), a checkpointed read and the policy cmdlets, with -Verbose and debug
    /// output. Searched: every stream, and every file the module wrote (profile, checkpoint, logs, reports).
    /// </summary>
    [Fact]
    public void No_canary_reaches_any_stream_or_file_on_the_profile_path()
    {
        using var config = new TemporaryConfigFolder("ai-canary-");
        var folder = config.Path;
        var canaries = new Dictionary<string, string>
        {
            ["AI_C_BB_PW"] = Canary("bbpw"), ["AI_C_BB_KEY"] = Canary("bbkey"), ["AI_C_TT_C"] = Canary("ttc"), ["AI_C_TT_E"] = Canary("tte"),
            ["AI_C_IF_F"] = Hex(), ["AI_C_IF_A"] = Hex(), ["AI_C_LIME"] = Canary("lime"), ["AI_C_LIME_HOOK"] = Canary("hook"),
            ["AI_C_BILLECTA"] = "SecureToken " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary("bltoken"))),
        };
        session.Sandbox.Lime.RequestsPerFiveMinutes = 60000;
        session.SetVariable("BillectaProd", new Uri(session.Sandbox.BaseUri, session.Sandbox.Billecta.BasePath).AbsoluteUri);
        try
        {
            foreach (var c in canaries) Environment.SetEnvironmentVariable(c.Key, c.Value);
            var policy = Path.Combine(folder, "policy.yml");
            var result = session.Run("""
                param($folder, $policy)
                $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $ErrorActionPreference = 'Continue'
                New-IntegrationProfile c1 Billbee -Setting @{ baseUrl = $BillbeeUrl; username = 'admin@sandbox-shop.test' } -SecretReference @{ apiPassword = 'env:AI_C_BB_PW'; apiKey = 'env:AI_C_BB_KEY' } -Confirm:$false
                New-IntegrationProfile c1 Tripletex -Setting @{ baseUrl = $TripletexUrl; environment = 'Test'; shopInvoiceStart = '6000' } -SecretReference @{ consumerToken = 'env:AI_C_TT_C'; employeeToken = 'env:AI_C_TT_E' } -Confirm:$false
                New-IntegrationProfile c1 IFirma -Setting @{ baseUrl = $IFirmaUrl; login = $IFirmaLogin } -SecretReference @{ invoiceKey = 'env:AI_C_IF_F'; subscriberKey = 'env:AI_C_IF_A' } -Confirm:$false
                New-IntegrationProfile c1 Billecta -Setting @{ baseUrl = $BillectaProd } -SecretReference @{ authorization = 'env:AI_C_BILLECTA' } -Confirm:$false
                New-IntegrationPolicy -Path $policy -TripletexEmployeeId 18491877 -TripletexEntitlement 30
                New-IntegrationProfile c1 Lime -Setting @{ baseUrl = $LimeUrl; requestsPerFiveMinutes = '60000'; policyPath = $policy; probeUser = 'billectawebhook@api' } -SecretReference @{ apiKey = 'env:AI_C_LIME'; probeApiKey = 'env:AI_C_LIME_HOOK' } -Confirm:$false
                Get-IntegrationProfile c1
                Connect-Billbee -Profile c1 -MaxAttempts 1 -PassThru | Test-BillbeeConnection
                Get-BillbeeOrder -Checkpoint canary -First 5
                Connect-Tripletex -Profile c1 -MaxAttempts 1 -PassThru | Test-TripletexConnection
                Connect-IFirma -Profile c1 -MaxAttempts 1 -PassThru | Test-IFirmaConnection
                Connect-Billecta -Profile c1 -MaxAttempts 1 -PassThru | Test-BillectaConnection
                $lime = Connect-Lime -Profile c1 -MaxAttempts 1 -PassThru; $lime | Test-LimeConnection
                Compare-IntegrationPolicy $policy -LimeConnection $lime -ProbeConnection $lime -ProbeUser billectawebhook@api
                Set-IntegrationPolicy $policy -LimeConnection $lime -ChecklistPath "$folder/lisa.md" -Confirm:$false
                Invoke-IntegrationOnboarding c1 -MaxAttempts 1 -Report Markdown -Path "$folder/report.md"
                Invoke-IntegrationOnboarding c1 -MaxAttempts 1 -Report Html -Path "$folder/report.html"
                Clear-IntegrationState -OlderThan 1 -WhatIf
                """, folder, policy);
            Assert.Null(result.Terminating);
            Assert.True(result.Errors.Count >= 3, "the runs with canary credentials must fail, or the sweep proves little: " + string.Join(" | ", result.Errors));
            Assert.NotEmpty(result.Debug);
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith("profiles.yaml"));
            Assert.Contains(files, f => f.Contains(Path.Combine("logs", "onboarding-c1-")));
            var text = result.AllText() + string.Concat(files.Select(File.ReadAllText));
            var forms = canaries.Values.SelectMany(c => new[]
            {
                c, Convert.ToBase64String(Encoding.UTF8.GetBytes(c)), Uri.EscapeDataString(c),
                Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@sandbox-shop.test:" + c)),
            }).ToList();
            var found = forms.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
            log.WriteLine($"{canaries.Count} canaries in {forms.Count} forms searched in {text.Length:N0} characters ({files.Length} files, {result.Errors.Count} errors, {result.Verbose.Count} verbose and {result.Debug.Count} debug records): {found.Count} found");
            Assert.Empty(found);
        }
        finally
        {
            foreach (var c in canaries) Environment.SetEnvironmentVariable(c.Key, null);
        }
    }
}
