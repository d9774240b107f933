using System.Threading.RateLimiting;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// The limiter's schedules, asserted exactly on a fake clock. Wall-clock rate figures are the bench's
/// (bench/ paging section); here nothing depends on how busy the machine is.
/// </summary>
public class RateLimitTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public async Task Paced_permits_come_exactly_one_interval_apart()
    {
        var clock = VirtualTime.NewClock();
        var limiter = new PacedRateLimiter(TimeSpan.FromMilliseconds(40), clock);
        var start = clock.Ticks();
        var grants = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            using var lease = await clock.Drive(limiter.AcquireAsync(1).AsTask());
            Assert.True(lease.IsAcquired);
            grants.Add(clock.Ticks() - start);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(k => k * TimeSpan.FromMilliseconds(40).Ticks), grants);
    }

    [Fact]
    public void A_permit_asked_for_too_early_is_refused_with_the_exact_wait()
    {
        var clock = VirtualTime.NewClock();
        var limiter = new PacedRateLimiter(TimeSpan.FromSeconds(10), clock);
        using var first = limiter.AttemptAcquire();
        clock.Advance(TimeSpan.FromSeconds(3));
        using var second = limiter.AttemptAcquire();
        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.True(second.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
    }

    [Fact]
    public async Task Five_endpoints_at_once_get_the_exact_Billbee_schedule_under_every_limit()
    {
        var clock = VirtualTime.NewClock();
        var key = new RequestThrottle(BillbeeClient.KeyRules(), clock: clock);
        var user = new RequestThrottle(BillbeeClient.UserRules(), parent: key, clock: clock);
        var start = clock.Ticks();
        var endpoints = new[] { "GET enums/orderstates", "GET shopaccounts", "GET orders/findbyextref/{extRef}", "GET orders", "GET orders/{id}" };
        var sent = new List<(string Endpoint, long At)>();
        // Five workers, one per endpoint, six calls each; the server answers at once (each permit settled at its slot).
        // ConfigureAwait(false): a worker goes on inside the clock's Advance that granted its permit. Posted to the test's
        // synchronisation context instead, it could run only after the driver had moved the clock on (a loaded machine:
        // 103 ms of virtual time late, and the exact schedule below failed).
        async Task Worker(string endpoint)
        {
            for (var i = 0; i < 6; i++)
            {
                var permit = await user.AcquireAsync(endpoint, endpoint.EndsWith("{id}") ? "order-" + i : null, CancellationToken.None).ConfigureAwait(false);
                lock (sent) sent.Add((endpoint, permit.SlotTicks - start));
                permit.Settle(permit.SlotTicks);
            }
        }
        await clock.Drive(Task.WhenAll(endpoints.Select(Worker)));

        Assert.Equal(30, sent.Count);
        Assert.True(VirtualTime.MaxInAnyWindow(sent.Select(s => s.At), TimeSpan.FromSeconds(1)) <= 10, "per user: 10/s");
        foreach (var endpoint in endpoints)
        {
            var times = sent.Where(s => s.Endpoint == endpoint).Select(s => s.At).OrderBy(t => t).ToList();
            Assert.True(VirtualTime.MaxInAnyWindow(times, TimeSpan.FromSeconds(1)) <= 2, endpoint + ": 2/s");
            // Each endpoint is spaced at its own 2/s × 0.97 from the first call on: nothing waits more than its rule needs.
            var interval = (long)Math.Ceiling(Second / (2 * RequestThrottle.DefaultUtilisation));
            Assert.Equal(Enumerable.Range(0, 6).Select(k => k * interval), times.Select(t => t - times[0]));
        }
        // The exact schedule: the first worker reserves its second call (one endpoint interval in) before the others
        // ask, and the account-wide limiter serves reservations in order, so the other four start after it, one per-user
        // interval apart; from then on the 2/s rules alone set the pace (five endpoints at 2/s stay under 10/s).
        var userInterval = (long)Math.Ceiling(Second / (10 * RequestThrottle.DefaultUtilisation));
        var endpointInterval = (long)Math.Ceiling(Second / (2 * RequestThrottle.DefaultUtilisation));
        var firsts = endpoints.Select(e => sent.Where(s => s.Endpoint == e).Min(s => s.At)).ToList();
        Assert.Equal(new[] { 0L }.Concat(Enumerable.Range(0, 4).Select(k => endpointInterval + (k + 1) * userInterval)), firsts);
        Assert.Equal(4 * userInterval + 6 * endpointInterval, sent.Max(s => s.At)); // 3.505 s for 30 calls
    }

    [Fact]
    public async Task A_call_waits_for_the_arrival_of_the_call_a_window_earlier()
    {
        var clock = VirtualTime.NewClock();
        var throttle = new RequestThrottle(new[] { new RateRule("per-endpoint", 2, TimeSpan.FromSeconds(1), RateScope.Endpoint) }, clock: clock);
        var start = clock.Ticks();
        var first = await throttle.AcquireAsync("GET x", CancellationToken.None);
        var second = await clock.Drive(throttle.AcquireAsync("GET x", CancellationToken.None));
        second.Settle(second.SlotTicks);
        // The first call's answer is slow: it is known to have arrived only 3 s later. The third call depends on it.
        var third = throttle.AcquireAsync("GET x", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(50);
        Assert.False(third.IsCompleted, "the third call went before the first one's arrival was known");
        var arrived = clock.Ticks();
        first.Settle(arrived);
        var permit = await clock.Drive(third);
        // A whole window (with the 3 % margin) after the first call's latest arrival.
        Assert.Equal(arrived + (long)(Second * (2 - RequestThrottle.DefaultUtilisation)), permit.SlotTicks);
    }

    [Fact]
    public async Task A_pause_holds_every_call_of_the_account_until_it_ends()
    {
        var clock = VirtualTime.NewClock();
        var throttle = new RequestThrottle(Enumerable.Empty<RateRule>(), clock: clock);
        var start = clock.Ticks();
        throttle.PauseAll(TimeSpan.FromSeconds(2.25));
        var permit = await clock.Drive(throttle.AcquireAsync("GET any", CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(2.25).Ticks, permit.SlotTicks - start);
    }

    [Fact]
    public async Task GetOrderAsync_holds_the_seventh_read_of_one_order_until_the_window_allows_it()
    {
        // The client's schedule runs on a fake clock and the sandbox counts what arrives; its own (wall-clock)
        // throttle is off here, so only the client decides when a call goes.
        sandbox.Reset();
        sandbox.Server.State.ThrottleEnabled = false;
        try
        {
            var clock = VirtualTime.NewClock();
            using var connection = sandbox.Billbee(new TransportOptions { Clock = clock, MaxAttempts = 1 });
            var id = sandbox.Server.Billbee.Orders[11].BillbeeOrderId;
            int Reads() => sandbox.Server.State.Log.Snapshot("billbee").Count(r => r.Path.EndsWith("/orders/" + id));
            var start = clock.GetUtcNow();
            for (var i = 0; i < 6; i++) await clock.Drive(connection.Client.GetOrderAsync(id, CancellationToken.None), TimeSpan.FromMilliseconds(1));
            // Time moved only while the client waited for the clock: five endpoint intervals (to the millisecond the driver steps by).
            Assert.InRange(clock.GetUtcNow() - start, TimeSpan.FromTicks(5 * (long)Math.Ceiling(Second / (2 * RequestThrottle.DefaultUtilisation))), TimeSpan.FromSeconds(2.6));
            var seventh = connection.Client.GetOrderAsync(id, CancellationToken.None);
            clock.Advance(start + TimeSpan.FromSeconds(59) - clock.GetUtcNow());
            await Task.Delay(100); // room for a wrong early send to reach the sandbox
            Assert.Equal(6, Reads());
            await clock.Drive(seventh, TimeSpan.FromMilliseconds(1));
            Assert.Equal(7, Reads());
            Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromMinutes(1), "the seventh read went before a minute had passed");
        }
        finally
        {
            sandbox.Server.State.ThrottleEnabled = true;
        }
    }

    [Fact]
    public void Two_connections_with_the_same_account_share_one_budget()
    {
        using var a = sandbox.Billbee();
        using var b = sandbox.Billbee();
        using var other = sandbox.Billbee(user: "someone-else@example.test");
        Assert.Same(a.Client.Transport.Throttle, b.Client.Transport.Throttle);
        Assert.NotSame(a.Client.Transport.Throttle, other.Client.Transport.Throttle);
        Assert.Same(a.Client.Transport.Throttle.Parent, other.Client.Transport.Throttle.Parent); // the developer key's 50/s
    }

    [Fact]
    public async Task Without_the_client_limiter_the_sandbox_answers_429_as_Billbee_does_and_the_error_names_the_per_order_limit()
    {
        sandbox.Reset();
        var unpaced = new TransportOptions { MaxAttempts = 1, ClientPacing = false };
        using var connection = sandbox.Billbee(unpaced); // this class's own sandbox: its account is no other class's
        var id = sandbox.Server.Billbee.Orders[3].BillbeeOrderId;
        var failures = new List<ServiceException>();
        // Seven reads of one order: more than its 6 a minute, however slowly this machine sends them.
        for (var i = 0; i < 7; i++)
        {
            try { await connection.Client.GetOrderAsync(id, CancellationToken.None); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { failures.Add(ex); }
        }
        Assert.NotEmpty(failures);
        Assert.Contains(sandbox.Server.State.Log.Snapshot("billbee"), r => r.Status == 429);
        Assert.All(failures, ex => Assert.StartsWith("Wait and try again; Billbee allows 6 calls per minute per order on GET orders/{id}", ex.RecommendedAction));
    }
}
