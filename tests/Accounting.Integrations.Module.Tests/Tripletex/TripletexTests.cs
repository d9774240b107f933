using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Tripletex;

[Collection("Module")]
public class TripletexTests(ModuleSession session)
{

    [Fact]
    public void A_session_is_created_used_renewed_across_its_expiry_in_a_long_read_and_removed()
    {
        session.ResetSandbox();
        session.SetVariable("SandboxState", session.Sandbox.State);
        var sessionsBefore = session.Sandbox.Tripletex.SessionCount;
        var result = session.Run("""
            $conn = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee -PassThru
            $first = New-TripletexSession
            $expiry = $first.ExpiresAt
            $n = 0
            $ids = Get-TripletexCustomer -IncludeInactive | ForEach-Object {
                $n++
                # Rehearse the night: half an hour before the session dies (renewal due), then past midnight (the old token is dead).
                if ($n -eq 1500) { $shift = $expiry - [DateTimeOffset]::UtcNow - [TimeSpan]::FromMinutes(30); $conn.ClockOffset = $shift; $SandboxState.ClockOffset = $shift }
                if ($n -eq 3500) { $shift = $expiry - [DateTimeOffset]::UtcNow + [TimeSpan]::FromMinutes(5); $conn.ClockOffset = $shift; $SandboxState.ClockOffset = $shift }
                $_.Id
            }
            $distinct = [System.Collections.Generic.HashSet[int]]::new()
            foreach ($id in $ids) { [void]$distinct.Add($id) }
            [pscustomobject]@{ Count = @($ids).Count; Distinct = $distinct.Count; FirstId = $first.Id; LastId = $conn.CurrentSession.Id }
            Remove-TripletexSession -Confirm:$false
            $conn.ClockOffset = [TimeSpan]::Zero
            """);
        session.Sandbox.State.ClockOffset = TimeSpan.Zero;
        result.ShouldSucceed();
        var summary = Assert.Single(result.Output);
        Assert.Equal(session.Sandbox.Tripletex.Data.Customers.Count, (int)Prop(summary, "Count"));
        Assert.Equal(session.Sandbox.Tripletex.Data.Customers.Count, (int)Prop(summary, "Distinct"));
        Assert.NotEqual(Prop(summary, "FirstId"), Prop(summary, "LastId"));
        var log = session.Sandbox.State.Log.Snapshot("tripletex");
        Assert.DoesNotContain(log, r => r.Status >= 400);
        Assert.Equal(2, log.Count(r => r.Path.EndsWith("/token/session/:create")));
        Assert.Single(log, r => r.Method == "DELETE" && r.Status == 204);
        Assert.Equal(sessionsBefore + 1, session.Sandbox.Tripletex.SessionCount); // the renewed one was removed; the expired first stays
    }

    [Fact]
    public void Every_customer_streams_exactly_once()
    {
        var result = session.Run(ModuleSession.ConnectTripletex + "Get-TripletexCustomer -IncludeInactive | ForEach-Object Id");
        result.ShouldSucceed();
        var ids = result.Output.Select(o => (int)o.BaseObject).ToList();
        Assert.True(ids.Count >= 5000);
        Assert.Equal(session.Sandbox.Tripletex.Data.Customers.Select(c => c.Id).OrderBy(i => i), ids.OrderBy(i => i));
    }

    [Fact]
    public void A_wrong_employee_token_gives_a_result_that_says_so()
    {
        var result = session.Run("Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken (Secure 'test-employee-revoked-0000') -PassThru | Test-TripletexConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.False((bool)Prop(r, "Success"));
        Assert.Equal("Tripletex.Authentication", Prop(r, "ErrorId"));
        Assert.Contains("employee token", (string)Prop(r, "Cause"));
        Assert.Contains("Ny nøkkel", (string)Prop(r, "Fix"));
    }

    [Fact]
    public void A_working_connection_names_the_company_and_employee()
    {
        var result = session.Run(ModuleSession.ConnectTripletex + "Test-TripletexConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.True((bool)Prop(r, "Success"));
        Assert.Equal("Kari Nordmann", Prop(r, "User"));
        Assert.Equal("Fjordvik Handel AS", ((System.Collections.IDictionary)Prop(r, "Details"))["CompanyName"]);
    }

    [Fact]
    public void A_key_without_rights_is_told_which_areas_it_cannot_read()
    {
        session.SetVariable("LimitedToken", session.Sandbox.Tripletex.LimitedEmployeeToken);
        var result = session.Run("Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken (Secure $LimitedToken) -PassThru | Test-TripletexAccess");
        result.ShouldSucceed();
        Assert.Equal(new[] { "Customers:False", "Invoices:False" }, result.Output.Select(o => $"{Prop(o, "Area")}:{Prop(o, "Granted")}"));
        Assert.All(result.Output, o => Assert.Contains("API-tilgang", (string)Prop(o, "Fix")));
        var entitlements = session.Run("Get-TripletexEntitlement | ForEach-Object EntitlementId");
        entitlements.ShouldSucceed();
        Assert.Equal(new object[] { 30 }, entitlements.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_number_series_check_finds_exactly_the_seeded_overlaps()
    {
        var result = session.Run(ModuleSession.ConnectTripletex + "Test-TripletexNumberSeries -ShopInvoiceStart 6000 -ShopCustomerStart 10000");
        result.ShouldSucceed();
        var found = result.Output.Select(o => $"{Prop(o, "Series")} {Prop(o, "Kind")} {Prop(o, "Number")}").ToList();
        var expected = Accounting.Integrations.Sandbox.Tripletex.TripletexData.OverlappingInvoiceNumbers.Select(n => $"Invoice Overlap {n}")
            .Concat(Accounting.Integrations.Sandbox.Tripletex.TripletexData.OverlappingCustomerNumbers.Select(n => $"Customer Overlap {n}"));
        Assert.Equal(expected, found);
        Assert.All(result.Output, o => Assert.False(string.IsNullOrEmpty((string)Prop(o, "Fix"))));
    }

    [Fact]
    public void Invoices_default_to_the_last_365_days()
    {
        var from = DateTime.Today.AddDays(-365);
        var expected = session.Sandbox.Tripletex.Data.Invoices.Where(i => i.InvoiceDate >= from && i.InvoiceDate <= DateTime.Today).Select(i => i.Id).OrderBy(i => i);
        var result = session.Run(ModuleSession.ConnectTripletex + "Get-TripletexInvoice | ForEach-Object Id");
        result.ShouldSucceed();
        Assert.Equal(expected, result.Output.Select(o => (int)o.BaseObject).OrderBy(i => i));
    }

    [Fact]
    public void No_token_appears_in_any_stream()
    {
        var result = session.Run("$DebugPreference = 'Continue'\n" + ModuleSession.ConnectTripletex + "New-TripletexSession -Verbose | Out-Default; Get-TripletexEntitlement -Verbose; Remove-TripletexSession -Confirm:$false -Verbose");
        result.ShouldSucceed();
        var everything = result.AllText();
        Assert.NotEmpty(result.Debug);
        Assert.Contains("consumerToken=***", everything);
        Assert.DoesNotContain(session.Sandbox.Tripletex.ConsumerToken, everything);
        Assert.DoesNotContain(session.Sandbox.Tripletex.AdminEmployeeToken, everything);
    }
}
