using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Globalization;
using System.Text.RegularExpressions;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Billecta;

/// <summary>Billecta's date-times, SecureToken expiry, and lists that a server may cap (billecta.md §2.2, §4.8, §6).</summary>
[Collection("Module")]
public class BillectaFidelityTests(ModuleSession session)
{
    const string ConnectProduction = "Connect-Billecta -Credential $BillectaCredential -Environment Production -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl $BillectaTestUrl";

    string Creditor => (string)session.Sandbox.Billecta.Creditors[0]["CreditorPublicId"]!;

    [Fact]
    public void Payments_are_asked_for_with_Billecta_date_times_and_the_range_keeps_its_last_day()
    {
        session.ResetSandbox();
        // A range that ends on the day a payment came in (in the afternoon, Stockholm time).
        var closed = session.Sandbox.Billecta.Invoices.Where(i => i["ClosedDate"] is string).Select(i => DateTime.Parse(((string)i["ClosedDate"]!)[..10], CultureInfo.InvariantCulture)).ToList();
        var last = closed.Max();
        var from = last.AddDays(-60);
        var expected = closed.Count(d => d >= from && d <= last);
        Assert.True(closed.Count(d => d == last) >= 1);
        session.SetVariable("Creditor", Creditor);
        var result = session.Run("$DebugPreference = 'Continue'\n" + ConnectProduction + "\n" +
            $"Get-BillectaPayment -CreditorPublicId $Creditor -From ([datetime]'{from:yyyy-MM-dd}') -To ([datetime]'{last:yyyy-MM-dd}') | ForEach-Object InvoiceNumber");
        result.ShouldSucceed();
        Assert.Equal(expected, result.Output.Count);
        var debug = string.Join("\n", result.Debug);
        Assert.Matches(new Regex($"\"From\":\"{from:yyyy-MM-dd} 00:00:00\\+0[12]:00\""), debug);
        Assert.Matches(new Regex($"\"To\":\"{last:yyyy-MM-dd} 23:59:59\\+0[12]:00\""), debug);
    }

    [Theory]
    [InlineData(-5)] // five minutes before Expires: inside the renewal margin
    [InlineData(60)] // an hour past it: the old token is refused
    public void A_SecureToken_is_replaced_before_its_Expires_on_a_long_lived_connection(int minutesPastExpiry)
    {
        session.ResetSandbox();
        session.SetVariable("SandboxState", session.Sandbox.State);
        var issued = session.Sandbox.Billecta.TokensIssued;
        var lifetime = session.Sandbox.Billecta.SecureTokenLifetime;
        session.SetVariable("Shift", lifetime + TimeSpan.FromMinutes(minutesPastExpiry));
        var result = session.Run("$c = " + ConnectProduction + " -UseSecureToken -PassThru\n" + """
            $before = $c.SecureTokenExpires
            $c.ClockOffset = $Shift; $SandboxState.ClockOffset = $Shift
            try { Get-BillectaCreditor -Connection $c | ForEach-Object Name } finally { $c.ClockOffset = [TimeSpan]::Zero; $SandboxState.ClockOffset = [TimeSpan]::Zero }
            [pscustomobject]@{ Before = $before; After = $c.SecureTokenExpires; Scheme = $c.Scheme }
            """);
        result.ShouldSucceed();
        Assert.Equal(new[] { "Fjordvik Fastigheter AB", "Fjordvik Service AB" }, result.Output.Take(2).Select(o => (string)o.BaseObject));
        var summary = result.Output[^1];
        Assert.Equal("SecureToken", Prop(summary, "Scheme"));
        Assert.True((DateTimeOffset)Prop(summary, "After") > (DateTimeOffset)Prop(summary, "Before"));
        Assert.Equal(issued + 2, session.Sandbox.Billecta.TokensIssued); // the connection's, and one renewal
        Assert.DoesNotContain(session.Sandbox.State.Log.Snapshot("billecta"), r => r.Status == 401);
    }

    [Fact]
    public async Task Debtors_are_paged_past_a_server_cap_and_an_unpaged_list_at_the_cap_is_warned_about()
    {
        await using var own = await OwnSandbox.StartAsync(o => { o.BillectaDebtorCount = 10_500; o.BillectaInvoiceCount = 25_000; });
        own.Billecta.ListCap = 200;
        var url = new Uri(own.BaseUri, own.Billecta.BasePath).AbsoluteUri;
        var testUrl = new Uri(own.BaseUri, own.Billecta.TestBasePath).AbsoluteUri;
        session.SetVariable("OwnCreditor", (string)own.Billecta.Creditors[0]["CreditorPublicId"]!);
        session.SetVariable("OwnUrl", url);
        session.SetVariable("OwnTestUrl", testUrl);
        var result = session.Run("""
            Connect-Billecta -Credential $BillectaCredential -Environment Production -BaseUrl $OwnUrl -OtherEnvironmentUrl $OwnTestUrl
            $ids = Get-BillectaDebtor -CreditorPublicId $OwnCreditor | ForEach-Object DebtorPublicId
            $distinct = [System.Collections.Generic.HashSet[string]]::new()
            foreach ($id in $ids) { [void]$distinct.Add($id) }
            [pscustomobject]@{ Count = @($ids).Count; Distinct = $distinct.Count }
            @(Get-BillectaInvoice -CreditorPublicId $OwnCreditor -Status Open).Count
            """);
        result.ShouldSucceed();
        Assert.Equal(10_500, (int)Prop(result.Output[0], "Count"));
        Assert.Equal(10_500, (int)Prop(result.Output[0], "Distinct"));
        Assert.Equal(200, (int)result.Output[1].BaseObject);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("exactly 200 open invoices", warning);
        // 200 a page under the cap: 52 full pages, a round 100, and one empty answer that says nothing follows.
        Assert.Equal(54, own.State.Log.Snapshot("billecta").Count(r => r.Path.Contains("/debtors/debtors/")));
    }
}
