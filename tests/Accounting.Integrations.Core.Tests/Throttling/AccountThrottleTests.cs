using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// One limiter per account (service, base URL, credential identity) that follows the newest connection:
/// a reconnect with another rate, or with pacing off or on, holds from the very next call for every
/// connection of the account. All on a fake clock, so each spacing is asserted exactly.
/// </summary>
public class AccountThrottleTests
{
    static readonly Uri LimeUrl = new("https://customer.lime-crm.test/customer/api/v1/");
    static long Spacing(int perFiveMinutes) => (long)Math.Ceiling(TimeSpan.FromMinutes(5).Ticks / (perFiveMinutes * RequestThrottle.DefaultUtilisation));

    static LimeConnection Lime(Secret key, int perFiveMinutes, FakeTimeProvider clock, bool pacing = true) =>
        new(LimeUrl, key, perFiveMinutes, new TransportOptions { Clock = clock, ClientPacing = pacing });

    /// <summary>The gap between two consecutive calls of the throttle, the first sent at once.</summary>
    static async Task<long> NextGap(FakeTimeProvider clock, RequestThrottle throttle)
    {
        var before = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        before.Settle(before.SlotTicks);
        var after = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        after.Settle(after.SlotTicks);
        return after.SlotTicks - before.SlotTicks;
    }

    [Fact]
    public async Task A_reconnect_with_a_higher_rate_holds_from_the_next_call_for_every_connection_of_the_account()
    {
        var clock = VirtualTime.NewClock();
        var key = Secret.FromPlainText("lime-key-" + Guid.NewGuid());
        using var first = Lime(key, 3000, clock);
        var throttle = first.Client.Transport.Throttle;
        Assert.Equal(Spacing(3000), await NextGap(clock, throttle));

        using var again = Lime(key, 1_000_000, clock);
        Assert.Same(throttle, again.Client.Transport.Throttle);
        // The very next call of the first connection already goes at the new rate: 0.3 ms, not 103 ms.
        var last = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        var next = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        Assert.Equal(Spacing(1_000_000), next.SlotTicks - last.SlotTicks);
    }

    [Fact]
    public async Task A_reconnect_with_a_lower_rate_paces_the_next_call_of_every_connection_of_the_account()
    {
        // Issue 21's unpaced case: a fresh process with 1 000 000 per 5 minutes, then a reconnect with 3000.
        var clock = VirtualTime.NewClock();
        var key = Secret.FromPlainText("lime-key-" + Guid.NewGuid());
        using var first = Lime(key, 1_000_000, clock);
        var throttle = first.Client.Transport.Throttle;
        Assert.Equal(Spacing(1_000_000), await NextGap(clock, throttle));
        var last = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        last.Settle(last.SlotTicks);

        using var again = Lime(key, 3000, clock);
        Assert.Equal(3000, Assert.Single(first.Client.Transport.Throttle.Rules).Permits);
        // The next call keeps the new 103 ms from the last one sent under the old rate.
        var next = await clock.Drive(throttle.AcquireAsync("GET limeobject", CancellationToken.None), TimeSpan.FromTicks(100));
        Assert.Equal(Spacing(3000), next.SlotTicks - last.SlotTicks);
    }

    [Fact]
    public async Task Calls_already_waiting_for_a_slot_of_the_old_rate_take_one_of_the_new()
    {
        var clock = VirtualTime.NewClock();
        var key = Secret.FromPlainText("lime-key-" + Guid.NewGuid());
        using var first = Lime(key, 3000, clock);
        var throttle = first.Client.Transport.Throttle;
        var waiting = Enumerable.Range(0, 3).Select(_ => throttle.AcquireAsync("GET limeobject", CancellationToken.None)).ToList();
        var sent = await waiting[0]; // free at once; the other two hold slots 103 and 206 ms in
        using var slower = Lime(key, 300, clock);
        var permits = await clock.Drive(Task.WhenAll(waiting.Skip(1)), TimeSpan.FromMilliseconds(1));
        // Re-slotted at 300 per 5 minutes (1.03 s apart) from the call that was sent, not at the old 103 ms.
        Assert.Equal(new[] { Spacing(300), 2 * Spacing(300) }, permits.Select(p => p.SlotTicks - sent.SlotTicks).OrderBy(t => t));
    }

    [Fact]
    public async Task NoRateLimit_on_a_reconnect_turns_pacing_off_for_the_account_and_a_paced_reconnect_turns_it_on_again()
    {
        var clock = VirtualTime.NewClock();
        var key = Secret.FromPlainText("lime-key-" + Guid.NewGuid());
        using var paced = Lime(key, 3000, clock);
        var throttle = paced.Client.Transport.Throttle;
        using var unpaced = Lime(key, 3000, clock, pacing: false);
        Assert.False(throttle.Paced);
        Assert.Equal(0, await NextGap(clock, throttle));
        using var pacedAgain = Lime(key, 3000, clock);
        Assert.True(unpaced.Client.Transport.Throttle.Paced); // never an unpaced connection left behind on a limited account
        Assert.Equal(Spacing(3000), await NextGap(clock, throttle));
    }

    [Fact]
    public void An_account_is_its_service_base_URL_and_credentials_and_its_key_holds_no_secret()
    {
        var clock = VirtualTime.NewClock();
        var secret = "lime-key-" + Guid.NewGuid();
        using var a = Lime(Secret.FromPlainText(secret), 3000, clock);
        using var otherKey = Lime(Secret.FromPlainText(secret + "x"), 3000, clock);
        using var otherUrl = new LimeConnection(new Uri("https://other.lime-crm.test/other/api/v1/"), Secret.FromPlainText(secret), 3000, new TransportOptions { Clock = clock });
        Assert.NotSame(a.Client.Transport.Throttle, otherKey.Client.Transport.Throttle);
        Assert.NotSame(a.Client.Transport.Throttle, otherUrl.Client.Transport.Throttle);
        var accountKey = ThrottleRegistry.AccountKey("Lime", LimeUrl, secret, null);
        Assert.DoesNotContain(secret, accountKey);
        Assert.StartsWith("Lime|https://customer.lime-crm.test/customer/api/v1|", accountKey);
    }

    [Fact]
    public async Task IFirma_pacing_can_be_switched_off_like_every_other_service()
    {
        var clock = VirtualTime.NewClock();
        var login = Guid.NewGuid() + "@ifirma.test";
        var keys = new Dictionary<string, Secret> { [IFirmaKeys.Faktura] = Secret.FromPlainText("0123456789abcdef0123456789abcdef") };
        using var paced = new IFirmaConnection(login, keys, null, new TransportOptions { Clock = clock });
        var throttle = paced.Client.Transport.Throttle;
        Assert.Equal((long)Math.Ceiling(TimeSpan.FromMinutes(1).Ticks / (100 * RequestThrottle.DefaultUtilisation)), await NextGap(clock, throttle));
        using var unpaced = new IFirmaConnection(login, keys, null, new TransportOptions { Clock = clock, ClientPacing = false });
        Assert.Same(throttle, unpaced.Client.Transport.Throttle);
        Assert.Equal(0, await NextGap(clock, throttle));
    }

    [Fact]
    public async Task Seven_reads_of_one_Billbee_order_go_six_at_the_endpoint_pace_and_the_seventh_a_window_after_the_first()
    {
        var clock = VirtualTime.NewClock();
        var throttle = new RequestThrottle(BillbeeClient.UserRules(), clock: clock);
        var start = clock.Ticks();
        var reads = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var permit = await clock.Drive(throttle.AcquireAsync("GET orders/{id}", "42", CancellationToken.None), TimeSpan.FromMilliseconds(1));
            permit.Settle(permit.SlotTicks);
            reads.Add(permit.SlotTicks - start);
        }
        var endpoint = (long)Math.Ceiling(TimeSpan.TicksPerSecond / (2 * RequestThrottle.DefaultUtilisation));
        Assert.Equal(Enumerable.Range(0, 6).Select(k => k * endpoint), reads.Take(6));
        Assert.Equal((long)(TimeSpan.FromMinutes(1).Ticks * (2 - RequestThrottle.DefaultUtilisation)), reads[6]); // 61.8 s: 6 a minute per order
        Assert.True(VirtualTime.MaxInAnyWindow(reads, TimeSpan.FromMinutes(1)) <= 6);

        // Another order is not held by the first one's budget: only the endpoint's 2/s spaces it.
        var other = await clock.Drive(throttle.AcquireAsync("GET orders/{id}", "43", CancellationToken.None), TimeSpan.FromMilliseconds(1));
        Assert.Equal(reads[6] + endpoint, other.SlotTicks - start);
    }
}
