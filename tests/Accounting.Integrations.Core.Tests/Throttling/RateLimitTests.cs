using System.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Tests.Throttling;

public class RateLimitTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Paced_permits_never_run_ahead_of_the_interval()
    {
        var limiter = new PacedRateLimiter(TimeSpan.FromMilliseconds(40));
        var stamps = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            using var lease = await limiter.AcquireAsync(1);
            Assert.True(lease.IsAcquired);
            stamps.Add(Stopwatch.GetTimestamp());
        }
        // A grant may run late but never early: the k-th grant is at least k intervals after the first
        // (0.5 ms allowed for clock rounding).
        for (var k = 1; k < stamps.Count; k++)
        {
            var elapsed = (stamps[k] - stamps[0]) * 1000.0 / Stopwatch.Frequency;
            Assert.True(elapsed >= k * 40 - 0.5, $"grant {k} came {elapsed:0.0} ms after the first");
        }
    }

    [Fact]
    public void A_permit_asked_for_too_early_is_refused_with_the_wait()
    {
        var limiter = new PacedRateLimiter(TimeSpan.FromSeconds(10));
        using var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();
        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.True(second.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(9));
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
    public async Task A_bulk_loop_over_five_endpoints_stays_under_every_Billbee_limit_with_zero_429s()
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(new TransportOptions { MaxAttempts = 1 });
        var orders = sandbox.Server.Billbee.Orders;
        var calls = new List<Func<Task>>
        {
            async () => await connection.Client.GetOrderStatesAsync(CancellationToken.None),
            async () => { await foreach (var _ in connection.Client.GetShopsAsync(CancellationToken.None)) { } },
            async () => await connection.Client.FindOrderByNumberAsync(orders[1].OrderNumber, CancellationToken.None),
            async () => await connection.Client.GetOrderAsync(orders[Random.Shared.Next(1000)].BillbeeOrderId, CancellationToken.None),
            async () => { await foreach (var _ in connection.Client.GetOrdersAsync(new() { PageSize = 1, MinimumOrderId = orders[^1].BillbeeOrderId }, CancellationToken.None)) { } },
        };
        // Five workers, one per endpoint, six calls each: the 2/s per-endpoint limits add up to the 10/s per-user limit.
        await Task.WhenAll(calls.Select(call => Task.Run(async () => { for (var i = 0; i < 6; i++) await call(); })));

        var log = sandbox.Server.State.Log.Snapshot("billbee");
        Assert.Equal(30, log.Count);
        Assert.DoesNotContain(log, r => r.Status == 429);
        Assert.True(MaxInAnyWindow(log.Select(r => r.ReceivedAt), TimeSpan.FromSeconds(1)) <= 10);
    }

    [Fact]
    public async Task Without_the_client_limiter_the_sandbox_answers_429_as_Billbee_does()
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(new TransportOptions { MaxAttempts = 1 }, throttle: false);
        var failures = 0;
        for (var i = 0; i < 5; i++)
        {
            try { await connection.Client.GetOrderStatesAsync(CancellationToken.None); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { failures++; }
        }
        Assert.True(failures >= 1, "five calls at once to one endpoint must exceed 2 per second");
        Assert.Contains(sandbox.Server.State.Log.Snapshot("billbee"), r => r.Status == 429);
    }

    static int MaxInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.OrderBy(t => t).ToList();
        var best = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window) start++;
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }
}
