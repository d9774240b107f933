using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// The limiter's window log (the latest arrival of each of the last Permits calls) holds only the calls a window can still
/// count, in a ring that grows on demand, and allows exactly what a log of every call would. On a fake clock.
/// </summary>
public class WindowLogTests
{
    [Fact]
    public void A_limit_raised_to_ten_million_a_window_allocates_for_the_calls_made_not_for_the_limit()
    {
        var clock = VirtualTime.NewClock();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var limiter = new PacedRateLimiter(TimeSpan.FromTicks(31), clock).WithWindow(10_000_000, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 1000; i++)
        {
            var sequence = limiter.ReserveAt(clock.Ticks());
            limiter.Settle(sequence, clock.Ticks());
            clock.Advance(TimeSpan.FromTicks(31));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // A log of every permit is 80 MB; 1000 calls need 8 kB of it (in a ring of 1024 places, grown from 64).
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated for 1000 calls");
        Assert.Equal(long.MinValue, limiter.WindowFree);
    }

    [Fact]
    public void The_ring_allows_exactly_what_a_log_of_every_call_allows_while_it_grows_drops_old_calls_and_is_re_ruled()
    {
        var clock = VirtualTime.NewClock();
        var window = TimeSpan.FromSeconds(1).Ticks;
        var permits = 5000;
        var limiter = new PacedRateLimiter(TimeSpan.Zero, clock).WithWindow(permits, TimeSpan.FromTicks(window));
        // The reference: every call's arrival by sequence (null: unsettled), and where the log of the rule in force begins.
        var arrivals = new List<long?>();
        long logStart = 0;
        var random = new Random(21);
        var unsettled = new List<(long Sequence, int Step)>();
        for (var step = 0; step < 6000; step++)
        {
            if (step == 2500) { permits = 300; limiter.Retime(TimeSpan.Zero, permits, TimeSpan.FromTicks(window)); logStart = Math.Max(logStart, arrivals.Count - permits); }
            if (step == 3500) { logStart = Math.Max(logStart, arrivals.Count - permits); permits = 5000; limiter.Retime(TimeSpan.Zero, permits, TimeSpan.FromTicks(window)); }
            var now = clock.Ticks();
            var oldest = arrivals.Count - permits;
            long? expected = oldest < 0 || oldest < logStart ? long.MinValue : arrivals[oldest] is { } a ? a + window : null;
            var actual = limiter.WindowFree;
            if (expected == null) Assert.Null(actual);
            else Assert.Equal(Math.Max(expected.Value, now), Math.Max(actual ?? long.MaxValue, now)); // what a call at now may do
            var sequence = limiter.ReserveAt(now);
            Assert.Equal(arrivals.Count, sequence);
            arrivals.Add(null);
            unsettled.Add((sequence, step));
            // Answers come back out of order, some late (up to 40 steps), each arriving at most 2 ms before it is reported.
            foreach (var call in unsettled.Where(c => step - c.Step >= random.Next(0, 40)).ToList())
            {
                var arrival = now - random.Next(0, 20_000);
                limiter.Settle(call.Sequence, arrival);
                if (call.Sequence >= Math.Max(logStart, arrivals.Count - permits)) arrivals[(int)call.Sequence] = arrival; // else out of every log
                unsettled.Remove(call);
            }
            clock.Advance(TimeSpan.FromTicks(random.Next(0, 6000))); // about 1 666 calls a second: the window binds at 300, not at 5000
        }
    }
}
