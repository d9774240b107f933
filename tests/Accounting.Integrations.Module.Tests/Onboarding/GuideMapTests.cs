using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;
using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;

namespace Accounting.Integrations.Module.Tests.Onboarding;

/// <summary>
/// Issue 20: onboarding on the demo customer answers every step of the four guides. Each step Get-IntegrationGuideStep
/// lists has its row, with a status, its evidence, and for what no API shows, the exact manual step.
/// </summary>
[Collection("Module")]
public class GuideMapTests(ModuleSession session)
{
    static readonly string[] Statuses = { "Pass", "Warn", "Fail", "Attested", "Unverified", "Manual" };

    sealed record Row(string Service, string Check, string Status, string Detail, string Fix, string Evidence);

    static List<Row> Rows(ScriptResult r) => r.Output.Select(o => new Row((string)Prop(o, "Service"), (string)Prop(o, "Check"), Prop(o, "Status").ToString(),
        (string)Prop(o, "Detail"), (string)Prop(o, "Fix"), (string)Prop(o, "Evidence"))).ToList();

    [Fact]
    public async Task Every_step_of_the_four_guides_has_its_row_with_evidence_or_the_exact_manual_step()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 11, Tripletex = { NumberConflicts = false } });
        using var config = new TemporaryConfigFolder("ai-guide-map-");
        var folder = config.Path;
        var secrets = new Dictionary<string, string>
        {
            ["AI_G_BILLBEE_PW"] = sandbox.Billbee.Admin.ApiPassword, ["AI_G_BILLBEE_KEY"] = sandbox.Billbee.ApiKey,
            ["AI_G_TT_CONSUMER"] = sandbox.Tripletex.ConsumerToken, ["AI_G_TT_EMPLOYEE"] = sandbox.Tripletex.AdminEmployeeToken, ["AI_G_TT_ACCOUNTANT"] = sandbox.Tripletex.AccountantEmployeeToken,
            ["AI_G_IF_FAKTURA"] = sandbox.IFirma.Keys["faktura"], ["AI_G_IF_ABONENT"] = sandbox.IFirma.Keys["abonent"],
            ["AI_G_IF_RACHUNEK"] = sandbox.IFirma.Keys["rachunek"], ["AI_G_IF_WYDATEK"] = sandbox.IFirma.Keys["wydatek"],
            ["AI_G_LIME_KEY"] = sandbox.Lime.ApiKey, ["AI_G_LIME_HOOK"] = sandbox.Lime.WebhookApiKey,
            ["AI_G_BILLECTA"] = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sandbox.Billecta.Production.Username + ":" + sandbox.Billecta.Production.Password)),
        };
        try
        {
            foreach (var s in secrets) Environment.SetEnvironmentVariable(s.Key, s.Value);
            var appConfig = Path.Combine(folder, "application_config.yaml");
            File.WriteAllText(appConfig, $"fjordvik:\n  config:\n    billecta:\n      api:\n        base_url: \"{new Uri(sandbox.BaseUri, sandbox.Billecta.BasePath).AbsoluteUri.TrimEnd('/')}\"\n" +
                $"  secrets:\n    billecta:\n      api:\n        authentication: \"{secrets["AI_G_BILLECTA"]}\"\n");
            session.Run("""
                param($b, $folder, $appConfig, $olaId)
                $policy = New-IntegrationPolicy -Baseline billecta, billecta-realestate -Path "$folder/policy.yml" -TripletexEmployeeId $olaId -TripletexEntitlement 30
                New-IntegrationProfile g1 Billecta -Setting @{ baseUrl = "$($b)billecta/prod/v1/" } -SecretReference @{ authorization = 'env:AI_G_BILLECTA' } -Confirm:$false
                New-IntegrationProfile g1 Lime -Setting @{ baseUrl = "$($b)lime/fjordvik/api/v1/"; application = 'fjordvik'; applicationConfigPath = $appConfig; policyPath = $policy.FullName; probeUser = 'billectawebhook@api'; fieldMap = 'invoice.total:decimal, invoice.duedate:time, payment.amount:number, creditordebtor.creditor:relation' } -SecretReference @{ apiKey = 'env:AI_G_LIME_KEY'; probeApiKey = 'env:AI_G_LIME_HOOK' } -Confirm:$false
                New-IntegrationProfile g1 Tripletex -Setting @{ baseUrl = "$($b)tripletex/v2/"; environment = 'Test'; shopInvoiceStart = '6000'; shopCustomerStart = '10000' } -SecretReference @{ consumerToken = 'env:AI_G_TT_CONSUMER'; employeeToken = 'env:AI_G_TT_EMPLOYEE' } -Confirm:$false
                New-IntegrationProfile g1 Billbee -Setting @{ baseUrl = "$($b)billbee/api/v1/"; username = 'admin@sandbox-shop.test'; administratorConfirmedBy = 'Kari Nordmann, 2026-11-30'; importStateIds = '3' } -SecretReference @{ apiPassword = 'env:AI_G_BILLBEE_PW'; apiKey = 'env:AI_G_BILLBEE_KEY' } -Confirm:$false
                New-IntegrationProfile g1 IFirma -Setting @{ baseUrl = "$($b)ifirma/iapi/"; login = 'jan.nowak@sandbox-firma.test' } -SecretReference @{ invoiceKey = 'env:AI_G_IF_FAKTURA'; subscriberKey = 'env:AI_G_IF_ABONENT'; billKey = 'env:AI_G_IF_RACHUNEK'; expenseKey = 'env:AI_G_IF_WYDATEK' } -Confirm:$false
                """, sandbox.BaseUri.AbsoluteUri, folder, appConfig, sandbox.Tripletex.Data.Limited.Id).ShouldSucceed();

            var run = session.Run("Invoke-IntegrationOnboarding g1; Get-IntegrationGuideStep");
            var rows = Rows(new ScriptResult { Output = run.Output.Where(o => o.Properties["Status"] != null).ToList() });
            var steps = run.Output.Where(o => o.Properties["Seed"] != null).Select(o => (Seed: (string)Prop(o, "Seed"), Step: (string)Prop(o, "Step"), Service: (string)Prop(o, "Service"), Check: (string)Prop(o, "Check"))).ToList();
            Assert.True(steps.Count >= 35);
            Assert.Equal(new[] { "000", "001", "002", "003", "issue 20" }, steps.Select(s => s.Seed).Distinct().OrderBy(s => s));
            foreach (var step in steps)
            {
                var row = rows.SingleOrDefault(r => r.Service == step.Service && r.Check == step.Check);
                Assert.True(row != null, $"No row {step.Service}: {step.Check} for guide {step.Seed} step '{step.Step}'.");
                Assert.Contains(row.Status, Statuses);
                Assert.Contains("Evidence: ", row.Detail);
                if (row.Status is "Manual" or "Unverified" or "Warn" or "Fail") Assert.False(string.IsNullOrWhiteSpace(row.Fix), $"{row.Check} has no step to take.");
            }

            Row R(string service, string check) => rows.SingleOrDefault(r => r.Service == service && r.Check == check)
                ?? throw new Xunit.Sdk.XunitException($"No row {service}: {check}; rows: " + string.Join("; ", rows.Select(r => r.Service + ": " + r.Check + " " + r.Status)));
            // What the demo customer's new rows say.
            Assert.Equal("Pass", R("Tripletex", "Integrasjoner add-on").Status);
            Assert.Contains("API_V2", R("Tripletex", "Integrasjoner add-on").Detail);
            Assert.Equal("Pass", R("Tripletex", "Client companies").Status);
            var mystore = R("Tripletex", "Mystore installation wizard");
            Assert.Equal("Manual", mystore.Status);
            Assert.Contains("Installasjonsveileder", mystore.Fix);
            Assert.Contains("Tripletex V2 - Støtte for automatisk regnskapsføring", mystore.Fix);
            var xentral = R("Billbee", "Xentral importer settings");
            Assert.Equal("Manual", xentral.Status);
            Assert.Contains("admin@sandbox-shop.test", xentral.Fix);
            Assert.Contains("3 (", xentral.Fix); // the state id to enter, with its name
            Assert.Equal("Pass", R("Billbee", "API usage").Status);
            Assert.Equal("Pass", R("Lime", "Add-on installer").Status);
            // The data model is observed, the package's mapping (Lime Admin runtime configuration) is not: Unverified, with
            // the fieldMap's fields checked and the exact step in Lime Admin naming the tables to go through.
            var mapped = R("Lime", "Data model and field mapping");
            Assert.Equal("Unverified", mapped.Status);
            Assert.Contains("The 4 fields the profile's fieldMap lists (invoice.total:decimal, invoice.duedate:time, payment.amount:number, creditordebtor.creditor:relation) exist with a fitting type", mapped.Detail);
            Assert.Contains("Lime Admin > Settings", mapped.Fix);
            Assert.Contains("(creditordebtor, order, invoice, coworker, invoicerow, creditorarticle, article, payment, creditor", mapped.Fix);
            Assert.Contains("lease", mapped.Fix); // a customer-specific table of the policy (billecta-realestate)
            Assert.DoesNotContain("integration_monitor", mapped.Fix);
            Assert.Contains("sys_data", mapped.Evidence);
            Assert.Equal("Pass", R("Lime", "Billecta webhook receiver").Status);
            Assert.Equal("Pass", R("Lime", "Package dependency").Status);
            Assert.Equal("Manual", R("Lime", "limepkg-cleanup").Status);
            var portal = R("Billecta", "Webhooks (portal)");
            Assert.Equal("Manual", portal.Status);
            Assert.Contains("limepkg-billecta-integration/billecta-webhook-receiver", portal.Fix);
            Assert.Contains("x-api-key", portal.Fix);
            Assert.All(new[] { "Lime", "Tripletex", "Billbee" }, s => Assert.Equal("Unverified", R(s, "Webhooks").Status)); // none registered
            Assert.Equal("Unverified", R("IFirma", "Request throttles").Status);
            Assert.Empty(sandbox.Lime.BillectaEvents); // the receiver check sent no event

            // A wrong type in the field map, and an accountant's token: the rows say what is wrong and where.
            session.Run("""
                param($b, $folder, $appConfig)
                New-IntegrationProfile g1 Lime -Setting @{ baseUrl = "$($b)lime/fjordvik/api/v1/"; application = 'fjordvik'; applicationConfigPath = $appConfig; policyPath = "$folder/policy.yml"; probeUser = 'billectawebhook@api'; fieldMap = 'invoice.total:time, invoice.nosuchfield' } -SecretReference @{ apiKey = 'env:AI_G_LIME_KEY'; probeApiKey = 'env:AI_G_LIME_HOOK' } -Confirm:$false -Force
                New-IntegrationProfile g1 Tripletex -Setting @{ baseUrl = "$($b)tripletex/v2/"; environment = 'Test' } -SecretReference @{ consumerToken = 'env:AI_G_TT_CONSUMER'; employeeToken = 'env:AI_G_TT_ACCOUNTANT' } -Confirm:$false -Force
                """, sandbox.BaseUri.AbsoluteUri, folder, appConfig).ShouldSucceed();
            var secondRun = session.Run("Invoke-IntegrationOnboarding g1 -Service Lime, Tripletex");
            var second = Rows(secondRun);
            Assert.True(second.Any(r => r.Check == "Data model and field mapping"), "second run: " + string.Join("; ", second.Select(r => r.Service + ": " + r.Check + " " + r.Status)) + string.Join("\n", secondRun.Errors));
            var mapping = second.Single(r => r.Check == "Data model and field mapping");
            Assert.Equal("Fail", mapping.Status);
            Assert.Contains("invoice.total is decimal, the mapping needs time", mapping.Detail);
            Assert.Contains("invoice.nosuchfield does not exist", mapping.Detail);
            var clients = second.Where(r => r.Service == "Tripletex" && r.Check.StartsWith("Client company: ")).ToList();
            Assert.Equal(2, clients.Count);
            Assert.Equal("Pass", clients[0].Status);
            Assert.Equal("Warn", clients[1].Status); // Solberg Bakeri has not ordered the add-on
            Assert.Contains("Integrasjoner", clients[1].Fix);
            Assert.Contains("username 108300002", clients[1].Evidence);
        }
        finally
        {
            foreach (var s in secrets) Environment.SetEnvironmentVariable(s.Key, null);
        }
    }
}
