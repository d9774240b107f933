using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Tripletex;
using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;

namespace Accounting.Integrations.Module.Tests.Webhooks;

/// <summary>Issue 20's new reads: the Tripletex add-on and an accountant's clients, the Lime data model, Billbee's API usage, and the Billecta receiver check.</summary>
[Collection("Module")]
public class GuideReadTests(ModuleSession session)
{
    [Fact]
    public void Sales_modules_list_the_package_and_the_add_on_and_a_refusal_is_an_authorization_error()
    {
        session.ResetSandbox();
        var listed = session.Run(ModuleSession.ConnectTripletex + "(Get-TripletexSalesModule).Name");
        listed.ShouldSucceed();
        var names = listed.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Contains("SMART", names);
        Assert.Contains("API_V2", names); // ASSUMPTION (sandbox default): the add-on shows as API_V2
        session.Sandbox.Tripletex.Guide.SalesModulesForbidden = true;
        try
        {
            var refused = session.Run("Get-TripletexSalesModule");
            Assert.Equal("Tripletex.Authorization", refused.SingleError().FullyQualifiedErrorId.Split(',')[0]);
        }
        finally { session.Sandbox.Tripletex.Guide.SalesModulesForbidden = false; }
    }

    [Fact]
    public void An_accountants_token_lists_its_clients_reaches_each_by_company_id_and_nothing_else_in_its_own_company()
    {
        session.ResetSandbox();
        session.SetVariable("AccountantToken", Secure(session.Sandbox.Tripletex.AccountantEmployeeToken));
        var result = session.Run("""
            $own = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $AccountantToken -PassThru
            $clients = Get-TripletexClientCompany -Connection $own
            $clients
            foreach ($c in $clients) {
                $conn = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $AccountantToken -CompanyId $c.CompanyId -PassThru
                [pscustomobject]@{ CompanyId = $c.CompanyId; Modules = @((Get-TripletexSalesModule -Connection $conn).Name); Access = @(Test-TripletexAccess -Connection $conn | Where-Object Granted).Count }
            }
            """);
        result.ShouldSucceed();
        var clients = result.Output.Where(o => o.Properties["Name"] != null).ToList();
        // The login id is the row's id (Tripletex's "the ID from /company/>withLoginAccess"); customerCompanyId is shown as given.
        Assert.Equal(TripletexSandbox.Clients.Select(c => (long)c.CompanyId), clients.Select(c => (long)Prop(c, "CompanyId")));
        Assert.Equal(TripletexSandbox.Clients.Select(c => (long)c.RelationId), clients.Select(c => (long)Prop(c, "CustomerCompanyId")));
        var perCompany = result.Output.Where(o => o.Properties["Modules"] != null).ToList();
        Assert.Equal(2, perCompany.Count);
        Assert.All(perCompany, p => Assert.Equal(2, (int)Prop(p, "Access")));
        Assert.Contains("API_V2", (object[])Prop(perCompany[0], "Modules"));
        Assert.DoesNotContain("API_V2", (object[])Prop(perCompany[1], "Modules")); // the second client has not ordered the add-on

        // With its own company (username 0) such a token reaches only whoAmI and the client list (tripletex.md §2.4).
        var refused = session.Run("Get-TripletexCustomer -Connection $own");
        var error = refused.SingleError();
        Assert.Equal("Tripletex.Authorization", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("/company/>withLoginAccess", error.ToString() + error.Exception);

        // The other reading (ASSUMPTION switch: the login id in customerCompanyId): the module logs in with the row's id,
        // and the refusal names the username it tried, so a wrong reading shows at once instead of passing.
        session.Sandbox.Tripletex.Guide.ClientLoginIdInCustomerCompanyId = true;
        try
        {
            var other = session.Run("""
                $c = @(Get-TripletexClientCompany -Connection $own)[0]
                $c.CompanyId
                $conn = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $AccountantToken -CompanyId $c.CompanyId -PassThru
                if ($conn) { Get-TripletexSalesModule -Connection $conn }
                """);
            Assert.True((long)TripletexSandbox.Clients[0].RelationId == (long)other.Output[0].BaseObject, string.Join("\n", other.Errors.Select(e => e + " " + e.Exception)));
            Assert.Single(other.Output); // no sales modules were read
            Assert.Contains(other.Errors, e => (e + " " + e.Exception).Contains("invalid username: " + TripletexSandbox.Clients[0].RelationId));
        }
        finally { session.Sandbox.Tripletex.Guide.ClientLoginIdInCustomerCompanyId = false; }

        // An employee token of the company itself has no clients.
        var none = session.Run(ModuleSession.ConnectTripletex + "@(Get-TripletexClientCompany).Count");
        Assert.Equal(0, (int)Assert.Single(none.Output).BaseObject);
    }

    [Fact]
    public void The_Lime_data_model_comes_in_one_call_with_each_tables_fields_and_types()
    {
        session.ResetSandbox();
        var result = session.Run("Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey\nGet-LimeLimetype invoice, payment, 'integration_monitor*'");
        result.ShouldSucceed();
        var names = result.Output.Select(o => (string)Prop(o, "Name")).ToList();
        Assert.Contains("invoice", names);
        Assert.Contains("payment", names);
        Assert.Contains("integration_monitor_log", names);
        var invoice = result.Output.Single(o => (string)Prop(o, "Name") == "invoice");
        var total = ((object[])Prop(invoice, "Properties")).Select(p => PSObject.AsPSObject(p)).Single(p => (string)Prop(p, "Name") == "total");
        Assert.Equal("decimal", Prop(total, "Type"));
        Assert.Single(session.Sandbox.State.Log.Snapshot("lime"), r => r.Path.Contains("/limetype/"));
    }

    [Fact]
    public void Billbee_api_usage_shows_the_count_next_to_the_included_calls_and_a_missing_route_is_an_error()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeApiUsage");
        result.ShouldSucceed();
        var usage = Assert.Single(result.Output);
        Assert.Equal(100000L, Prop(usage, "IncludedPerMonth"));
        Assert.Equal(session.Sandbox.Billbee.Guide.ApiUsageBase + 1, (long)Prop(usage, "Calls"));
        Assert.Equal(100000L - (long)Prop(usage, "Calls"), Prop(usage, "Remaining"));
        // Billbee's figure and the module's own count are apart, each named for what it is.
        Assert.StartsWith("Billbee's figure: GET /apiusage", (string)Prop(usage, "Source"));
        var own = (long)Prop(usage, "CallsSentByThisProcess");
        Assert.True(own >= 1, $"own count {own}"); // at least this read
        session.Sandbox.Billbee.Guide.ApiUsageBase = 100_500;
        session.Sandbox.Billbee.Guide.ApiUsageMissing = false;
        try
        {
            var over = session.Run("Get-BillbeeApiUsage");
            over.ShouldSucceed();
            Assert.True((long)Prop(Assert.Single(over.Output), "BilledCalls") > 500);
            Assert.Contains(over.Warnings, w => w.Contains("billed"));
            session.Sandbox.Billbee.Guide.ApiUsageMissing = true;
            Assert.Equal("Billbee.NotFound", session.Run("Get-BillbeeApiUsage").SingleError().FullyQualifiedErrorId.Split(',')[0]);
        }
        finally
        {
            session.Sandbox.Billbee.Guide.ApiUsageBase = 41_230;
            session.Sandbox.Billbee.Guide.ApiUsageMissing = false;
        }
    }

    [Fact]
    public void Billecta_setup_gives_the_portal_steps_and_the_receiver_check_sends_no_event()
    {
        session.ResetSandbox();
        var lime = session.Sandbox.Lime;
        session.SetVariable("WebhookKey", Secure(lime.WebhookApiKey));
        session.SetVariable("WrongKey", Secure("lime-not-the-key"));
        var setup = session.Run("Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey\nGet-BillectaWebhookSetup -Creditor 'Fjordvik AB' -Test");
        setup.ShouldSucceed();
        var s = Assert.Single(setup.Output);
        var receiver = new Uri(session.Sandbox.BaseUri, "lime/fjordvik/limepkg-billecta-integration/billecta-webhook-receiver").AbsoluteUri;
        Assert.Equal(receiver, Prop(s, "ReceiverUrl").ToString());
        Assert.Equal("x-api-key", Prop(s, "Header"));
        var steps = string.Join("\n", (IEnumerable<string>)Prop(s, "Steps"));
        Assert.Contains("Settings > Addons > Webhooks", steps);
        Assert.Contains(receiver, steps);
        Assert.Contains("billectawebhook@api", steps);
        Assert.Contains("apitest.billecta.com", steps);

        var good = session.Run("Test-BillectaWebhookReceiver -WebhookApiKey $WebhookKey");
        good.ShouldSucceed();
        var check = Assert.Single(good.Output);
        Assert.Equal(true, Prop(check, "Passed"));
        Assert.Equal(404, Prop(check, "WithoutKeyStatus"));
        Assert.Equal(405, Prop(check, "WithKeyStatus"));
        Assert.DoesNotContain(lime.WebhookApiKey, good.AllText());

        Assert.Equal(false, Prop(Assert.Single(session.Run("Test-BillectaWebhookReceiver -WebhookApiKey $WrongKey").Output), "Passed"));
        lime.Guide.BillectaReceiverOpen = true;
        try
        {
            var open = Assert.Single(session.Run("Test-BillectaWebhookReceiver -WebhookApiKey $WebhookKey").Output);
            Assert.Equal(false, Prop(open, "Passed"));
            Assert.Contains("anyone can post", (string)Prop(open, "Detail"));
        }
        finally { lime.Guide.BillectaReceiverOpen = false; }
        Assert.Empty(lime.BillectaEvents); // no event reached the receiver
    }

    static System.Security.SecureString Secure(string value)
    {
        var s = new System.Security.SecureString();
        foreach (var c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}
