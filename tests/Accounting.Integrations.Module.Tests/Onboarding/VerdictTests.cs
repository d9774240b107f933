using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Module.Tests.Onboarding;

/// <summary>
/// Issue 14: onboarding verdicts an admin can sign. A Pass is only what the module observed; a copied file or a
/// typed attestation never is one; whose webhook key it is follows from its rights pattern; a throttled check is
/// Throttled, not the customer's Fail; many profiles make one report.
/// </summary>
[Collection("Module")]
public class VerdictTests(ModuleSession session)
{
    const string Secrets = "AI_V_";

    /// <summary>The environment variables the profiles' secret references name, set for one test.</summary>
    sealed class EnvSecrets : IDisposable
    {
        readonly Dictionary<string, string> _values;
        public EnvSecrets(Dictionary<string, string> values)
        {
            _values = values;
            foreach (var v in values) Environment.SetEnvironmentVariable(v.Key, v.Value);
        }
        public IEnumerable<string> Values => _values.Values;
        public void Dispose() { foreach (var v in _values) Environment.SetEnvironmentVariable(v.Key, null); }
    }

    EnvSecrets LimeSecrets() => new(new Dictionary<string, string>
    {
        [Secrets + "LIME_KEY"] = session.Sandbox.Lime.ApiKey, [Secrets + "LIME_HOOK"] = session.Sandbox.Lime.WebhookApiKey,
    });

    /// <summary>A Lime-only profile whose probe key is the given secret's.</summary>
    void LimeProfile(string name, string folder, string probeVariable) =>
        session.Run("""
            param($name, $folder, $probe)
            if (-not [System.IO.File]::Exists("$folder/policy.yml")) { New-IntegrationPolicy -Baseline billecta -Path "$folder/policy.yml" > $null }
            New-IntegrationProfile $name Lime -Setting @{ baseUrl = $LimeUrl; application = 'fjordvik'; policyPath = "$folder/policy.yml"; probeUser = 'billectawebhook@api'; requestsPerFiveMinutes = '60000' } -SecretReference @{ apiKey = 'env:AI_V_LIME_KEY'; probeApiKey = "env:$probe" } -Confirm:$false
            """, name, folder, probeVariable).ShouldSucceed();

    static PSObject Row(ScriptResult r, string check) => r.Output.Single(o => (string)Prop(o, "Check") == check);

    [Fact]
    public void The_webhook_key_check_fails_for_the_administrators_key_and_passes_for_the_webhook_users_key()
    {
        session.ResetSandbox();
        using var config = new TemporaryConfigFolder("ai-verdict-key-");
        using var secrets = LimeSecrets();
        LimeProfile("hook", config.Path, Secrets + "LIME_HOOK");
        LimeProfile("admin", config.Path, Secrets + "LIME_KEY");

        var hook = session.Run("Invoke-IntegrationOnboarding hook");
        var passed = Row(hook, "Webhook user's API key");
        Assert.Equal("Pass", Prop(passed, "Status").ToString());
        Assert.Contains("rights pattern of \"Billecta webhook\"", (string)Prop(passed, "Detail"));
        Assert.Contains("refused Lime's user list", (string)Prop(passed, "Detail"));

        // Before issue 14 this was a Pass, "The key of billectawebhook@api is accepted".
        var admin = session.Run("Invoke-IntegrationOnboarding admin");
        var failed = Row(admin, "Webhook user's API key");
        Assert.Equal("Fail", Prop(failed, "Status").ToString());
        Assert.Contains("administrator", (string)Prop(failed, "Detail"));
        Assert.Contains("Onboarding.CheckFailed", Assert.Single(admin.Errors).FullyQualifiedErrorId);
        // The administrator's reads are not taken as the webhook group's: the policy row says so and counts no probe.
        var policies = (string)Prop(Row(admin, "Policies"), "Detail");
        Assert.Contains("(0 by read probes)", policies);
        Assert.Contains("probe key's reads were not counted", policies);
        Assert.Contains("by read probes", (string)Prop(Row(hook, "Policies"), "Detail"));
        Assert.DoesNotContain("(0 by read probes)", (string)Prop(Row(hook, "Policies"), "Detail"));
        Assert.DoesNotContain(session.Sandbox.Lime.ApiKey, admin.AllText() + hook.AllText());
    }

    [Fact]
    public void Onboarding_the_demo_customer_gives_no_Pass_whose_evidence_is_a_copied_file_or_a_typed_attestation()
    {
        session.ResetSandbox();
        var sandbox = session.Sandbox;
        using var config = new TemporaryConfigFolder("ai-verdict-demo-");
        var folder = config.Path;
        var billecta = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sandbox.Billecta.Production.Username + ":" + sandbox.Billecta.Production.Password));
        using var secrets = new EnvSecrets(new Dictionary<string, string>
        {
            [Secrets + "BILLBEE_PW"] = sandbox.Billbee.Admin.ApiPassword, [Secrets + "BILLBEE_KEY"] = sandbox.Billbee.ApiKey,
            [Secrets + "TT_CONSUMER"] = sandbox.Tripletex.ConsumerToken, [Secrets + "TT_EMPLOYEE"] = sandbox.Tripletex.AdminEmployeeToken,
            [Secrets + "IF_FAKTURA"] = sandbox.IFirma.Keys["faktura"], [Secrets + "IF_ABONENT"] = sandbox.IFirma.Keys["abonent"],
            [Secrets + "IF_RACHUNEK"] = sandbox.IFirma.Keys["rachunek"], [Secrets + "IF_WYDATEK"] = sandbox.IFirma.Keys["wydatek"],
            [Secrets + "LIME_KEY"] = sandbox.Lime.ApiKey, [Secrets + "LIME_HOOK"] = sandbox.Lime.WebhookApiKey, [Secrets + "BILLECTA"] = billecta,
        });
        var appConfig = Path.Combine(folder, "application_config.yaml");
        File.WriteAllText(appConfig, $"fjordvik:\n  config:\n    billecta:\n      api:\n        base_url: \"{new Uri(sandbox.BaseUri, sandbox.Billecta.BasePath).AbsoluteUri.TrimEnd('/')}\"\n" +
            $"  secrets:\n    billecta:\n      api:\n        authentication: \"{billecta}\"\n");
        // The demo's profile (demo/Start-Demo.ps1): the actual-state file is a copy of the document, and the
        // Billbee administrator role is what someone typed.
        session.Run("""
            param($b, $folder, $appConfig, $olaId)
            $policy = New-IntegrationPolicy -Baseline billecta, billecta-realestate -Application fjordvik -Path "$folder/policy.yml" -TripletexEmployeeId $olaId -TripletexEntitlement AUTH_ACCOUNTING_READ
            [System.IO.File]::Copy($policy.FullName, "$folder/policy-actual.yml")
            New-IntegrationProfile demo Billecta -Setting @{ baseUrl = "$($b)billecta/prod/v1/" } -SecretReference @{ authorization = 'env:AI_V_BILLECTA' } -Confirm:$false
            New-IntegrationProfile demo Lime -Setting @{ baseUrl = "$($b)lime/fjordvik/api/v1/"; application = 'fjordvik'; applicationConfigPath = $appConfig; policyPath = $policy.FullName; policyActualPath = "$folder/policy-actual.yml"; probeUser = 'billectawebhook@api'; requestsPerFiveMinutes = '60000' } -SecretReference @{ apiKey = 'env:AI_V_LIME_KEY'; probeApiKey = 'env:AI_V_LIME_HOOK' } -Confirm:$false
            New-IntegrationProfile demo Tripletex -Setting @{ baseUrl = "$($b)tripletex/v2/"; environment = 'Test'; shopInvoiceStart = '6000'; shopCustomerStart = '10000' } -SecretReference @{ consumerToken = 'env:AI_V_TT_CONSUMER'; employeeToken = 'env:AI_V_TT_EMPLOYEE' } -Confirm:$false
            New-IntegrationProfile demo Billbee -Setting @{ baseUrl = "$($b)billbee/api/v1/"; username = 'admin@sandbox-shop.test'; administratorConfirmedBy = 'K. Nordmann, checked in Billbee 2026-11-23'; importStateIds = '2,3' } -SecretReference @{ apiPassword = 'env:AI_V_BILLBEE_PW'; apiKey = 'env:AI_V_BILLBEE_KEY' } -Confirm:$false
            New-IntegrationProfile demo IFirma -Setting @{ baseUrl = "$($b)ifirma/iapi/"; login = 'jan.nowak@sandbox-firma.test' } -SecretReference @{ invoiceKey = 'env:AI_V_IF_FAKTURA'; subscriberKey = 'env:AI_V_IF_ABONENT'; billKey = 'env:AI_V_IF_RACHUNEK'; expenseKey = 'env:AI_V_IF_WYDATEK' } -Confirm:$false
            """, sandbox.BaseUri.AbsoluteUri, folder, appConfig, sandbox.Tripletex.Data.Limited.Id).ShouldSucceed();

        var run = session.Run("Invoke-IntegrationOnboarding demo -ErrorAction SilentlyContinue");
        var rows = run.Output.Select(o => (Check: (string)Prop(o, "Service") + " " + (string)Prop(o, "Check"), Status: Prop(o, "Status").ToString(),
            Evidence: (string)Prop(o, "Evidence"), Detail: (string)Prop(o, "Detail"))).ToList();
        Assert.True(rows.Count >= 20, string.Join("\n", rows));
        // Over every row: a Pass rests on something the module observed, never on a declared file or a person's word.
        Assert.All(rows.Where(r => r.Status == "Pass"), r =>
        {
            Assert.DoesNotContain("declared", r.Evidence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("typed", r.Evidence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("policy-actual", r.Evidence + r.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("administratorConfirmedBy", r.Evidence, StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Evidence), r.Check));
        Assert.Equal("Unverified", rows.Single(r => r.Check == "Lime Policies").Status);
        var admin = Row(run, "Administrator account");
        Assert.Equal("Attested", Prop(admin, "Status").ToString());
        Assert.Equal("K. Nordmann", Prop(admin, "AttestedBy"));
        Assert.Equal(new DateTime(2026, 11, 23), Prop(admin, "AttestedOn"));
        // All four keys held: one Pass each, from a signed call.
        Assert.Equal(4, rows.Count(r => r.Check.StartsWith("IFirma Key: ") && r.Status == "Pass"));
    }

    [Fact]
    public void Piped_profiles_write_one_report_that_holds_all_of_them()
    {
        session.ResetSandbox();
        using var config = new TemporaryConfigFolder("ai-verdict-many-");
        using var secrets = LimeSecrets();
        LimeProfile("alpha", config.Path, Secrets + "LIME_HOOK");
        LimeProfile("beta", config.Path, Secrets + "LIME_HOOK");
        LimeProfile("gamma", config.Path, Secrets + "LIME_KEY");
        var md = Path.Combine(config.Path, "all.md");
        var html = Path.Combine(config.Path, "all.html");
        var run = session.Run("Get-IntegrationProfile | Invoke-IntegrationOnboarding -Report Markdown -Path $args[0]; Get-IntegrationProfile | Invoke-IntegrationOnboarding -Report Html -Path $args[1]", md, html);
        Assert.Equal(new[] { "alpha", "beta", "gamma" }, run.Output.Select(o => (string)Prop(o, "Profile")).Distinct().Order());
        var text = File.ReadAllText(md);
        Assert.Contains("# Onboarding report: 3 profiles", text);
        foreach (var p in new[] { "alpha", "beta", "gamma" })
        {
            Assert.Contains("\n## " + p + "\n", text);
            Assert.Contains("Sign-off (" + p + ")", text);
        }
        var page = File.ReadAllText(html);
        foreach (var p in new[] { "alpha", "beta", "gamma" }) Assert.Contains("<h2>" + p + "</h2>", page);
        // Only gamma (an administrator's probe key) failed: one error per run, for it.
        Assert.Equal(2, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.Contains("'gamma'", e.Exception.Message));
    }

    [Fact]
    public void A_check_that_ran_out_of_retries_on_throttling_is_Throttled_and_retryable_never_Fail()
    {
        session.ResetSandbox();
        using var config = new TemporaryConfigFolder("ai-verdict-throttle-");
        using var secrets = LimeSecrets();
        LimeProfile("busy", config.Path, Secrets + "LIME_HOOK");
        session.Sandbox.State.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Service = "lime", PathContains = "integration_monitor/", Rate = 1, RetryAfterSeconds = 0 });
        try
        {
            var run = session.Run("Invoke-IntegrationOnboarding busy -MaxAttempts 1 -Service Lime");
            var row = Row(run, "Integration monitor");
            Assert.Equal("Throttled", Prop(row, "Status").ToString());
            Assert.True((bool)Prop(row, "Retryable"));
            Assert.Contains("not a finding about the customer", (string)Prop(row, "Detail"));
            Assert.DoesNotContain(run.Output, o => Prop(o, "Status").ToString() == "Fail");
            // By default a throttled check is a warning, not Onboarding.CheckFailed; a run can ask for it to fail.
            Assert.Empty(run.Errors);
            Assert.Contains(run.Warnings, w => w.Contains("throttled"));
            var strict = session.Run("Invoke-IntegrationOnboarding busy -MaxAttempts 1 -Service Lime -FailOn Fail, Throttled");
            Assert.Contains("Throttled Lime Integration monitor", Assert.Single(strict.Errors).Exception.Message);
        }
        finally { session.ResetSandbox(); }
    }
}

/// <summary>Issue 14: the onboarding's number-series row keeps the customer findings and their fix, for a new company too.</summary>
[Collection("Module")]
public class NumberSeriesOnboardingTests(ModuleSession session)
{
    static void Profile(ModuleSession session, string name, Uri tripletex) =>
        session.Run("""
            New-IntegrationProfile $args[0] Tripletex -Setting @{ baseUrl = $args[1]; environment = 'Test'; shopInvoiceStart = '6000'; shopCustomerStart = '10000' } -SecretReference @{ consumerToken = 'env:AI_N_TT_CONSUMER'; employeeToken = 'env:AI_N_TT_EMPLOYEE' } -Confirm:$false
            """, name, tripletex.AbsoluteUri).ShouldSucceed();

    static IDisposable Secrets(Accounting.Integrations.Sandbox.SandboxServer sandbox)
    {
        Environment.SetEnvironmentVariable("AI_N_TT_CONSUMER", sandbox.Tripletex.ConsumerToken);
        Environment.SetEnvironmentVariable("AI_N_TT_EMPLOYEE", sandbox.Tripletex.AdminEmployeeToken);
        return new Unset();
    }

    sealed class Unset : IDisposable
    {
        public void Dispose()
        {
            Environment.SetEnvironmentVariable("AI_N_TT_CONSUMER", null);
            Environment.SetEnvironmentVariable("AI_N_TT_EMPLOYEE", null);
        }
    }

    [Fact]
    public async Task A_company_with_no_customers_yet_gets_the_default_numbering_finding_in_the_cmdlet_and_the_onboarding_report()
    {
        await using var sandbox = await Accounting.Integrations.Sandbox.SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 5, Tripletex = { CustomerCount = 0, InvoiceCount = 0, NumberConflicts = false } });
        using var config = new TemporaryConfigFolder("ai-numbers-empty-");
        using var secrets = Secrets(sandbox);
        var url = sandbox.ServiceUri("tripletex");
        session.SetVariable("EmptyTripletexUrl", url.AbsoluteUri);
        session.SetVariable("EmptyConsumer", new System.Net.NetworkCredential("", sandbox.Tripletex.ConsumerToken).SecurePassword);
        session.SetVariable("EmptyEmployee", new System.Net.NetworkCredential("", sandbox.Tripletex.AdminEmployeeToken).SecurePassword);
        var cmdlet = session.Run("$c = Connect-Tripletex -Environment Test -BaseUrl $EmptyTripletexUrl -ConsumerToken $EmptyConsumer -EmployeeToken $EmptyEmployee -PassThru; Test-TripletexNumberSeries -Connection $c -ShopInvoiceStart 6000 -ShopCustomerStart 10000 | ForEach-Object { \"$($_.Series) $($_.Kind) $($_.Number)\" }");
        cmdlet.ShouldSucceed();
        Assert.Contains("Customer Risk 10001", cmdlet.Output.Select(o => o.ToString()));

        Profile(session, "empty", url);
        var md = Path.Combine(config.Path, "empty.md");
        var run = session.Run("Invoke-IntegrationOnboarding empty -Report Markdown -Path $args[0]", md);
        run.ShouldSucceed();
        var row = run.Output.Single(o => (string)Prop(o, "Check") == "Number series");
        Assert.Equal("Warn", Prop(row, "Status").ToString());
        Assert.Contains("numbers customers from 10001", (string)Prop(row, "Detail"));
        Assert.Contains("Kunde > Innstillinger", (string)Prop(row, "Fix"));
        Assert.Contains("Bilagstyper/nummerserier", (string)Prop(row, "Fix"));
        Assert.Contains("Kunde > Innstillinger", File.ReadAllText(md));
    }

    [Fact]
    public void Seeded_customer_overlaps_and_their_fix_stay_in_the_onboarding_row_beside_the_invoice_ones()
    {
        session.ResetSandbox();
        using var config = new TemporaryConfigFolder("ai-numbers-overlap-");
        using var secrets = Secrets(session.Sandbox);
        Profile(session, "overlaps", session.Sandbox.ServiceUri("tripletex"));
        var run = session.Run("Invoke-IntegrationOnboarding overlaps -ErrorAction SilentlyContinue");
        var row = run.Output.Single(o => (string)Prop(o, "Check") == "Number series");
        Assert.Equal("Fail", Prop(row, "Status").ToString());
        var detail = (string)Prop(row, "Detail");
        Assert.Contains("invoice numbers lie in the web shop's range", detail);
        Assert.Contains("customer numbers lie in the web shop's range", detail);
        Assert.Contains(Accounting.Integrations.Sandbox.Tripletex.TripletexData.OverlappingCustomerNumbers.First().ToString(), detail);
        Assert.Contains("Kunde > Innstillinger", (string)Prop(row, "Fix"));
    }
}
