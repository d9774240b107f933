using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox;

namespace Accounting.Integrations.Module.Tests.Tripletex;

/// <summary>
/// Sessions that end before their date (tripletex.md §2.3: on a 401 make a new session once and retry once) and
/// the renewal window late in the evening, over 10 500 active customers in a sandbox of the test's own.
/// </summary>
[Collection("Module")]
public class TripletexSessionLifeTests(ModuleSession session)
{
    const int Customers = 10_500;

    static Task<SandboxServer> StartAsync(int? sessionCallBudget = null) => OwnSandbox.StartAsync(o =>
    {
        o.Tripletex.CustomerCount = Customers;
        o.Tripletex.InactiveCustomerEvery = 0;
        o.Tripletex.SessionCallBudget = sessionCallBudget;
    });

    const string ReadAll = """
        $n = 0
        $ids = Get-TripletexCustomer | ForEach-Object {
            $n++
            if ($n -eq $KillAt) { [void]$OwnSandbox.Tripletex.EndSessions() }
            $_.Id
        }
        $distinct = [System.Collections.Generic.HashSet[int]]::new()
        foreach ($id in $ids) { [void]$distinct.Add($id) }
        [pscustomobject]@{ Count = @($ids).Count; Distinct = $distinct.Count }
        """;

    string Connect(SandboxServer own, string extra = "") =>
        $"Connect-Tripletex -Environment Test -BaseUrl '{own.ServiceUri("tripletex").AbsoluteUri}' -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee {extra}\n";

    [Fact]
    public async Task A_session_ended_mid_read_is_replaced_once_and_every_customer_arrives_once()
    {
        await using var own = await StartAsync();
        session.SetVariable("OwnSandbox", own);
        session.SetVariable("KillAt", 3_000);
        var result = session.Run(Connect(own) + ReadAll);
        result.ShouldSucceed();
        var summary = Assert.Single(result.Output);
        Assert.Equal(Customers, (int)Prop(summary, "Count"));
        Assert.Equal(Customers, (int)Prop(summary, "Distinct"));
        var log = own.State.Log.Snapshot("tripletex");
        // Pages are fetched two at a time: the ended session can refuse both calls in flight, each retried once.
        var refused = log.Count(r => r.Status == 401);
        Assert.InRange(refused, 1, 2);
        Assert.Equal(2, log.Count(r => r.Path.EndsWith("/token/session/:create")));
        Assert.Equal(Customers / 1000 + 1 + refused, log.Count(r => r.Path.EndsWith("/customer"))); // 11 pages and the ones retried
        Assert.Contains(result.Warnings, w => w.Contains("before its expiry") && w.Contains("retrying the call once"));
    }

    [Fact]
    public async Task Sessions_that_keep_ending_are_replaced_each_time_with_no_error()
    {
        // Each session dies after 4 calls: 11 pages need 2 new sessions and 2 retried calls.
        await using var own = await StartAsync(sessionCallBudget: 4);
        session.SetVariable("OwnSandbox", own);
        session.SetVariable("KillAt", -1);
        var result = session.Run(Connect(own) + ReadAll);
        result.ShouldSucceed();
        var summary = Assert.Single(result.Output);
        Assert.Equal(Customers, (int)Prop(summary, "Distinct"));
        Assert.Equal(Customers, (int)Prop(summary, "Count"));
        var log = own.State.Log.Snapshot("tripletex");
        // Two pages in flight: each dead session refuses one or both of them (never more), and is replaced once.
        Assert.InRange(log.Count(r => r.Status == 401), 2, 4);
        Assert.Equal(3, own.Tripletex.SessionsCreated);
    }

    [Fact]
    public async Task A_fresh_session_refused_too_is_a_clear_error_after_four_calls()
    {
        await using var own = await StartAsync(sessionCallBudget: 0);
        session.SetVariable("OwnSandbox", own);
        session.SetVariable("KillAt", -1);
        var result = session.Run(Connect(own) + ReadAll);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Tripletex.Authentication", error.FullyQualifiedErrorId);
        Assert.Contains("refused a session it had just made", error.ToString());
        Assert.Contains("Ny nøkkel", error.ErrorDetails.RecommendedAction);
        var log = own.State.Log.Snapshot("tripletex");
        // Session, the call (401), one new session, the one retry (401): then it stops.
        Assert.Equal(new[] { ":create 200", "/customer 401", ":create 200", "/customer 401" },
            log.Select(r => (r.Path.EndsWith(":create") ? ":create" : "/customer") + " " + r.Status));
    }

    [Fact]
    public async Task SessionDays_1_at_half_past_eleven_in_Oslo_makes_one_session_for_the_whole_read()
    {
        await using var own = await StartAsync();
        session.SetVariable("OwnSandbox", own);
        session.SetVariable("KillAt", -1);
        // 23:30 Oslo time today: with -SessionDays 1 tomorrow's midnight is 30 minutes away, inside the one-hour renewal window.
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var osloNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, oslo);
        var target = new DateTimeOffset(osloNow.Date.AddHours(23.5), oslo.GetUtcOffset(osloNow.Date.AddHours(23.5)));
        var shift = target - DateTimeOffset.UtcNow;
        own.State.ClockOffset = shift;
        session.SetVariable("Shift", shift);
        var result = session.Run("(" + Connect(own, "-SessionDays 1 -PassThru").TrimEnd('\n') + ").ClockOffset = $Shift\n" + ReadAll);
        result.ShouldSucceed();
        Assert.Equal(Customers, (int)Prop(Assert.Single(result.Output), "Distinct"));
        var log = own.State.Log.Snapshot("tripletex");
        Assert.Equal(1, log.Count(r => r.Path.EndsWith("/token/session/:create")));
        Assert.Equal(11, log.Count(r => r.Path.EndsWith("/customer")));
        Assert.DoesNotContain(log, r => r.Status >= 400);
    }
}
