using Accounting.Integrations.Core.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// Runs limiter, retry and renewal code on a fake clock: time moves only when the test moves it, so a
/// schedule is asserted exactly and a busy machine cannot change it.
/// </summary>
static class VirtualTime
{
    public static SteppingClock NewClock() => new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

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
        var stepping = clock as SteppingClock;
        var idle = System.Diagnostics.Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            if (clock.GetUtcNow() > until) throw new TimeoutException($"still waiting after {limit ?? TimeSpan.FromHours(1)} of virtual time");
            if (stepping != null && stepping.PendingTimers == 0)
            {
                // Nothing waits on the clock (a real request is in flight): let real work finish, time stands still.
                if (idle.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the work neither finished nor waited on the clock");
                await Task.Delay(1);
                continue;
            }
            idle.Restart();
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

/// <summary>
/// A fake clock that knows whether anything waits on it, so a driver moves time only while code waits for the
/// clock and never while a real request is in flight: the schedule stays exact on a busy machine.
/// </summary>
sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    int _pending;
    public int PendingTimers => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
    {
        var done = 0;
        void Done() { if (Interlocked.Exchange(ref done, 1) == 0) Interlocked.Decrement(ref _pending); }
        Interlocked.Increment(ref _pending);
        var timer = base.CreateTimer(s => { Done(); callback(s); }, state, dueTime, period);
        return new Tracked(timer, Done);
    }

    sealed class Tracked(ITimer inner, Action done) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);
        public void Dispose() { done(); inner.Dispose(); }
        public ValueTask DisposeAsync() { done(); return inner.DisposeAsync(); }
    }
}
