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
/// clock and never while a real request is in flight: the schedule stays exact on a busy machine. A timer counts
/// while it is armed: from its creation or a Change with a due time until it fires (one-shot) or is disposed.
/// </summary>
sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    int _pending;
    int _created;
    public int PendingTimers => Volatile.Read(ref _pending);
    /// <summary>How many timers code made on this clock (each Delay is one).</summary>
    public int TimersCreated => Volatile.Read(ref _created);

    public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        var tracked = new Tracked(this);
        tracked.Arm(dueTime != Timeout.InfiniteTimeSpan);
        tracked.Inner = base.CreateTimer(s =>
        {
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero) tracked.Arm(false); // one-shot: done until changed
            callback(s);
        }, state, dueTime, period);
        return tracked;
    }

    sealed class Tracked(SteppingClock owner) : ITimer
    {
        int _armed;
        public ITimer Inner;

        public void Arm(bool on)
        {
            if (on) { if (Interlocked.Exchange(ref _armed, 1) == 0) Interlocked.Increment(ref owner._pending); }
            else if (Interlocked.Exchange(ref _armed, 0) == 1) Interlocked.Decrement(ref owner._pending);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime != Timeout.InfiniteTimeSpan); // before the inner change: a due time of zero fires inside it
            return Inner.Change(dueTime, period);
        }

        public void Dispose() { Arm(false); Inner.Dispose(); }
        public ValueTask DisposeAsync() { Arm(false); return Inner.DisposeAsync(); }
    }
}
