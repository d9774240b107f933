using System.Management.Automation;
using System.Text.Json;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Frame;
using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;

namespace Accounting.Integrations.Module.Tests.Webhooks;

/// <summary>
/// Issue 20: each webhook API end to end against the sandbox: add -> list -> a real delivery to a loopback receiver
/// the test starts, its signature checked by Test-IntegrationWebhookSignature -> remove; -WhatIf changes nothing
/// (asserted through the sandbox's control endpoint); secrets never show.
/// </summary>
[Collection("Module")]
public class WebhookTests(ModuleSession session)
{
    const string TripletexSecret = "tripletex-shared-secret-7f3a";
    const string LimeSecret = "lime-shared-secret-91c2";
    const string BillbeeSecret = "billbee-shared-secret-0123456789abcdef"; // 38 characters: inside ASP.NET WebHooks' 32-64
    static readonly HttpClient Http = new();

    async Task<JsonElement> Control(HttpMethod method, string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(method, new Uri(session.Sandbox.BaseUri, path)));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    Task<int> Registered(string service) => Control(HttpMethod.Get, $"_sandbox/{service}/webhooks").ContinueWith(t => t.Result.GetArrayLength());

    ScriptResult Verify(string service, CapturedRequest delivery, string secret)
    {
        session.SetVariable("CapturedHeaders", delivery.HeaderTable());
        session.SetVariable("CapturedBody", delivery.BodyText);
        session.SetVariable("WebhookService", service);
        session.SetVariable("WebhookSecretText", secret);
        return session.Run("Test-IntegrationWebhookSignature -Service $WebhookService -Headers $CapturedHeaders -Body $CapturedBody -Secret (Secure $WebhookSecretText)");
    }

    [Fact]
    public async Task Tripletex_add_list_deliver_verify_remove_and_WhatIf_changes_nothing()
    {
        session.ResetSandbox();
        using var receiver = LoopbackReceiver.Start();
        session.SetVariable("Receiver", receiver.Url);
        var before = await Registered("tripletex");

        var whatIf = session.Run(ModuleSession.ConnectTripletex + $"Add-TripletexWebhook -Url $Receiver -Event customer.create -Secret (Secure '{TripletexSecret}') -WhatIf");
        whatIf.ShouldSucceed();
        Assert.Equal(before, await Registered("tripletex"));

        var added = session.Run($"$hook = Add-TripletexWebhook -Url $Receiver -Event customer.create -Secret (Secure '{TripletexSecret}') -Fields 'id,version' -AuthHeaderName Authorization -AuthHeaderValue (Secure 'Bearer hook-header-value-55') -Verbose -Debug; $hook; Get-TripletexWebhook -Id $hook.Id; Get-TripletexWebhookEvent -Name 'customer.*'");
        added.ShouldSucceed();
        var hook = added.Output[0];
        Assert.Equal("Tripletex", Prop(hook, "Service"));
        Assert.Equal(receiver.Url, Prop(hook, "Url"));
        Assert.Equal(true, Prop(hook, "Enabled"));
        Assert.Equal(Prop(hook, "Id"), Prop(added.Output[1], "Id"));
        Assert.Contains(added.Output.Skip(2), e => (string)Prop(e, "Name") == "customer.create");
        Assert.Equal(before + 1, await Registered("tripletex"));
        Assert.DoesNotContain(TripletexSecret, added.AllText()); // not in the output, -Verbose or -Debug (which shows request bodies)
        Assert.DoesNotContain("hook-header-value-55", added.AllText());
        Assert.Contains(added.Debug, d => d.Contains("hmacSharedSecret")); // the body was traced, with the secret masked

        var deliveries = await Control(HttpMethod.Post, "_sandbox/tripletex/events/customer.create?id=4711");
        Assert.Equal(200, deliveries[0].GetProperty("status").GetInt32());
        var delivery = Assert.Single(receiver.Posts);
        Assert.Contains("\"event\":\"customer.create\"", delivery.BodyText);
        Assert.True(delivery.Headers.ContainsKey("x-request-signature"));
        Assert.Equal("Bearer hook-header-value-55", delivery.Headers["Authorization"]); // the custom auth header reached the receiver
        var verified = Verify("Tripletex", delivery, TripletexSecret);
        verified.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(verified.Output), "Valid"));
        Assert.Equal("Verified", Prop(verified.Output[0], "Evidence"));
        Assert.Equal(false, Prop(Assert.Single(Verify("Tripletex", delivery, "another-secret").Output), "Valid"));

        var test = session.Run("Get-TripletexWebhook -Id $hook.Id | Test-TripletexWebhook");
        test.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(test.Output), "Healthy"));

        var removeWhatIf = session.Run("Get-TripletexWebhook -Id $hook.Id | Remove-TripletexWebhook -WhatIf");
        removeWhatIf.ShouldSucceed();
        Assert.Equal(before + 1, await Registered("tripletex"));
        session.Run("Get-TripletexWebhook -Id $hook.Id | Remove-TripletexWebhook -Confirm:$false").ShouldSucceed();
        Assert.Equal(before, await Registered("tripletex"));
        Assert.Empty(session.Run("Get-TripletexWebhook -Id $hook.Id").Output);
    }

    [Fact]
    public async Task Lime_add_list_deliver_verify_remove_and_WhatIf_changes_nothing()
    {
        session.ResetSandbox();
        using var receiver = LoopbackReceiver.Start();
        session.SetVariable("Receiver", receiver.Url);
        var connect = "Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey\n";
        var before = await Registered("lime");
        session.Run(connect + $"Add-LimeWebhook -Url $Receiver -Event invoice.update -Secret (Secure '{LimeSecret}') -WhatIf").ShouldSucceed();
        Assert.Equal(before, await Registered("lime"));

        var added = session.Run($"$hook = Add-LimeWebhook -Url $Receiver -Event invoice.update, payment.new -Secret (Secure '{LimeSecret}') -Verbose; $hook; @(Get-LimeWebhook).Count");
        added.ShouldSucceed();
        Assert.Equal(new[] { "invoice.update", "payment.new" }, (string[])Prop(added.Output[0], "Events"));
        Assert.Equal(before + 1, (int)added.Output[1].BaseObject);
        Assert.DoesNotContain(LimeSecret, added.AllText());

        await Control(HttpMethod.Post, "_sandbox/lime/events/invoice.update?id=1001");
        var delivery = Assert.Single(receiver.Posts);
        Assert.StartsWith("sha256=", delivery.Headers["X-Lime-Signature"]);
        var verified = Verify("Lime", delivery, LimeSecret);
        verified.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(verified.Output), "Valid"));
        Assert.Equal("Verified", Prop(verified.Output[0], "Evidence"));
        var test = session.Run("$hook | Test-LimeWebhook");
        test.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(test.Output), "Healthy"));

        session.Run("$hook | Remove-LimeWebhook -WhatIf").ShouldSucceed();
        Assert.Equal(before + 1, await Registered("lime"));
        session.Run("$hook | Remove-LimeWebhook -Confirm:$false").ShouldSucceed();
        Assert.Equal(before, await Registered("lime"));
    }

    [Fact]
    public async Task Billbee_add_passes_the_echo_test_lists_delivers_verifies_removes_and_WhatIf_changes_nothing()
    {
        session.ResetSandbox();
        using var receiver = LoopbackReceiver.Start();
        session.SetVariable("Receiver", receiver.Url);
        var before = await Registered("billbee");
        session.Run(ModuleSession.ConnectBillbee + $"Add-BillbeeWebhook -Url $Receiver -Event order.created -Secret (Secure '{BillbeeSecret}') -WhatIf").ShouldSucceed();
        Assert.Equal(before, await Registered("billbee"));
        Assert.Empty(receiver.Requests); // not even the echo test

        var added = session.Run($"$hook = Add-BillbeeWebhook -Url $Receiver -Event order.created -Secret (Secure '{BillbeeSecret}') -Description 'ERP' -Verbose; $hook; Get-BillbeeWebhook | Where-Object Id -eq $hook.Id");
        added.ShouldSucceed();
        Assert.Equal(Prop(added.Output[0], "Id"), Prop(added.Output[1], "Id"));
        Assert.Contains(receiver.Requests, r => r.Method == "GET" && r.PathAndQuery.Contains("echo=")); // ASSUMPTION: the echo test
        Assert.Equal(before + 1, await Registered("billbee"));
        Assert.DoesNotContain(BillbeeSecret, added.AllText());

        await Control(HttpMethod.Post, "_sandbox/billbee/events/order.created");
        var delivery = Assert.Single(receiver.Posts);
        var verified = Verify("Billbee", delivery, BillbeeSecret);
        verified.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(verified.Output), "Valid"));
        Assert.Equal("Inferred", Prop(verified.Output[0], "Evidence"));
        var test = session.Run("$hook | Test-BillbeeWebhook");
        test.ShouldSucceed();
        Assert.Equal(true, Prop(Assert.Single(test.Output), "Healthy"));

        // A change made through the API is delivered too: Set-BillbeeOrderState to a webhook for state changes.
        var order = session.Sandbox.Billbee.Orders[1].BillbeeOrderId;
        session.Run($"$changes = Add-BillbeeWebhook -Url $Receiver -Event order.statechanged -Secret (Secure '{BillbeeSecret}'); Set-BillbeeOrderState -Id {order} -State Shipped -Confirm:$false").ShouldSucceed();
        var change = receiver.Posts.Last();
        Assert.Contains("\"Action\":\"order.statechanged\"", change.BodyText);
        Assert.Contains(order.ToString(), change.BodyText);
        Assert.Equal(true, Prop(Assert.Single(Verify("Billbee", change, BillbeeSecret).Output), "Valid"));
        session.Run("$changes | Remove-BillbeeWebhook -Confirm:$false").ShouldSucceed();

        session.Run("$hook | Remove-BillbeeWebhook -WhatIf").ShouldSucceed();
        Assert.Equal(before + 1, await Registered("billbee"));
        session.Run("$hook | Remove-BillbeeWebhook -Confirm:$false").ShouldSucceed();
        Assert.Equal(before, await Registered("billbee"));
    }

    [Fact]
    public async Task A_tampered_or_unsigned_delivery_fails_verification_with_the_reason()
    {
        session.ResetSandbox();
        using var receiver = LoopbackReceiver.Start();
        session.SetVariable("Receiver", receiver.Url);
        session.Run(ModuleSession.ConnectTripletex + $"$hook = Add-TripletexWebhook -Url $Receiver -Event product.create -Secret (Secure '{TripletexSecret}')").ShouldSucceed();
        try
        {
            session.Sandbox.Tripletex.Guide.SignatureFault = SignatureFault.Wrong;
            await Control(HttpMethod.Post, "_sandbox/tripletex/events/product.create?id=1");
            session.Sandbox.Tripletex.Guide.SignatureFault = SignatureFault.Missing;
            await Control(HttpMethod.Post, "_sandbox/tripletex/events/product.create?id=2");
        }
        finally { session.Sandbox.Tripletex.Guide.SignatureFault = SignatureFault.None; }
        Assert.Equal(2, receiver.Posts.Count);
        var wrong = Assert.Single(Verify("Tripletex", receiver.Posts[0], TripletexSecret).Output);
        Assert.Equal(false, Prop(wrong, "Valid"));
        Assert.Contains("does not match", (string)Prop(wrong, "Detail"));
        var missing = Assert.Single(Verify("Tripletex", receiver.Posts[1], TripletexSecret).Output);
        Assert.Equal(false, Prop(missing, "Valid"));
        Assert.Contains("no x-request-signature header", (string)Prop(missing, "Detail"));
        session.Run("$hook | Remove-TripletexWebhook -Confirm:$false").ShouldSucceed();
    }

    [Fact]
    public async Task Test_TripletexWebhook_reports_a_subscription_Tripletex_disabled_after_failed_deliveries()
    {
        session.ResetSandbox();
        using var receiver = LoopbackReceiver.Start();
        receiver.Status = 500;
        session.SetVariable("Receiver", receiver.Url);
        session.Run(ModuleSession.ConnectTripletex + $"$hook = Add-TripletexWebhook -Url $Receiver -Event order.create -Secret (Secure '{TripletexSecret}')").ShouldSucceed();
        var threshold = session.Sandbox.Tripletex.Guide.DisableAfterFailedDeliveries;
        for (var i = 0; i < threshold; i++) await Control(HttpMethod.Post, "_sandbox/tripletex/events/order.create");
        Assert.Equal(threshold * session.Sandbox.Tripletex.Guide.DeliveryAttempts, receiver.Posts.Count); // each delivery retried, then counted as failed
        var test = session.Run("Test-TripletexWebhook -Id $hook.Id, 999999");
        test.ShouldSucceed();
        var result = test.Output.Single(o => (string)Prop(o, "Id") == (string)Prop(session.Run("$hook").Output[0], "Id"));
        Assert.Equal(false, Prop(result, "Healthy"));
        Assert.Equal("DISABLED_TOO_MANY_ERRORS", Prop(result, "Status"));
        Assert.Contains("Add-TripletexWebhook", (string)Prop(result, "Fix"));
        var unknown = test.Output.Single(o => (string)Prop(o, "Id") == "999999");
        Assert.Equal(false, Prop(unknown, "Healthy"));
        session.Run("$hook | Remove-TripletexWebhook -Confirm:$false").ShouldSucceed();
    }

    [Fact]
    public async Task Bad_input_names_the_parameter_and_registers_nothing()
    {
        session.ResetSandbox();
        var before = (await Registered("billbee"), await Registered("tripletex"), await Registered("lime"));
        var shortSecret = session.Run(ModuleSession.ConnectBillbee + "Add-BillbeeWebhook -Url https://hooks.example.com/x -Event order.created -Secret (Secure 'too-short')");
        var error = shortSecret.SingleError();
        Assert.Equal("Module.InvalidParameter", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("Secret", ((ArgumentException)error.Exception).ParamName);
        var http = session.Run(ModuleSession.ConnectTripletex + "Add-TripletexWebhook -Url http://hooks.example.com/x -Event customer.create -Secret (Secure 's')").SingleError();
        Assert.Equal("Url", ((ArgumentException)http.Exception).ParamName);
        Assert.Contains("https://", http.Exception.Message);
        var credentials = session.Run("Add-TripletexWebhook -Url https://hookuser:s3cret-pw@hooks.example.com/x -Event customer.create -Secret (Secure 's')");
        var inUrl = credentials.SingleError();
        Assert.Equal("Url", ((ArgumentException)inUrl.Exception).ParamName);
        Assert.Contains("-AuthHeaderValue", inUrl.Exception.Message);
        Assert.DoesNotContain("s3cret-pw", inUrl.Exception.Message + inUrl.ErrorDetails?.Message + inUrl.TargetObject + credentials.AllText());
        var badEvent = session.Run("Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey\nAdd-LimeWebhook -Url https://hooks.example.com/x -Event 'not an event'").SingleError();
        Assert.Equal("Event", ((ArgumentException)badEvent.Exception).ParamName);
        Assert.Equal(before, (await Registered("billbee"), await Registered("tripletex"), await Registered("lime")));
        Assert.DoesNotContain(session.Sandbox.State.Log.Snapshot(null), r => r.Method == "POST");
    }
}
