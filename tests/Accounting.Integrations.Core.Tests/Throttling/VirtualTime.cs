using Accounting.Integrations.Core.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// Runs limiter, retry and renewal code on a fake clock: time moves only when the test moves it, so a
/// schedule is asserted exactly and a busy machine cannot change it.
/// </summary>
static class VirtualTime
{
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The clock in the limiter's ticks (slots and settle times are in these).</summary>
    public static long Ticks(this FakeTimeProvider clock) => PacedRateLimiter.TicksOf(clock);

    /// <summary>
    /// Moves the clock in <paramref name="step"/>s while <paramref name="work"/> waits, until it completes. Timers fire
    /// inside Advance, so code that only waits on the clock resumes at the exact moment it asked for.
    /// </summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider clock, Task<T> work, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(1);
        var until = clock.GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        while (!work.IsCompleted)
        {
            if (clock.GetUtcNow() > until) throw new TimeoutException($"still waiting after {limit ?? TimeSpan.FromHours(1)} of virtual time");
            clock.Advance(by);
            await Task.Yield();
        }
        return await work;
    }

    public static async Task Drive(this FakeTimeProvider clock, Task work, TimeSpan? step = null, TimeSpan? limit = null) =>
        await clock.Drive(work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step, limit);

    /// <summary>Most items of <paramref name="ticks"/> inside any window of <paramref name="window"/>.</summary>
    public static int MaxInAnyWindow(IEnumerable<long> ticks, TimeSpan window)
    {
        var sorted = ticks.OrderBy(t => t).ToList();
        var best = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window.Ticks) start++;
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }
}
