using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// Spaces permits evenly at a fixed interval. Even spacing satisfies a server whatever window it
    /// counts in (fixed, sliding or token bucket), which a burst-then-wait limiter does not; the small
    /// safety margin in the interval absorbs jitter between our clock and the server's arrival times.
    /// Waiters are served in order: each acquisition reserves the next free slot, then waits for it.
    /// Time comes from a <see cref="TimeProvider"/>, so tests run the schedule on a fake clock.
    /// </summary>
    public sealed class PacedRateLimiter : RateLimiter
    {
        readonly object _gate = new object();
        long _intervalTicks;
        long _nextFreeTicks;
        long _pausedUntilTicks = long.MinValue;
        long _lastGrantTicks = long.MinValue;
        long _granted;

        /// <param name="interval">The spacing between permits; zero for none (only pauses and the window log hold calls).</param>
        public PacedRateLimiter(TimeSpan interval, TimeProvider clock = null)
        {
            if (interval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
            Clock = clock ?? TimeProvider.System;
            _intervalTicks = interval.Ticks;
        }

        public TimeProvider Clock { get; }

        public TimeSpan Interval
        {
            get { lock (_gate) return TimeSpan.FromTicks(_intervalTicks); }
        }

        /// <summary>The rule this limiter enforces, so a new rate for the rule can find it.</summary>
        internal string RuleName { get; set; }

        internal long Now => TicksOf(Clock);

        /// <summary>The clock's monotonic timestamp in <see cref="TimeSpan"/> ticks.</summary>
        internal static long TicksOf(TimeProvider clock)
        {
            var timestamp = clock.GetTimestamp();
            var frequency = clock.TimestampFrequency;
            return frequency == TimeSpan.TicksPerSecond ? timestamp : (long)(timestamp * ((double)TimeSpan.TicksPerSecond / frequency));
        }

        /// <summary>Waits until the clock reaches <paramref name="ticks"/>; a timer alone can wake a millisecond or two early.</summary>
        internal static async Task WaitUntilAsync(TimeProvider clock, long ticks, CancellationToken cancellationToken)
        {
            for (var wait = ticks - TicksOf(clock); wait > 0; wait = ticks - TicksOf(clock))
                await clock.Delay(TimeSpan.FromTicks(Math.Max(wait, TimeSpan.TicksPerMillisecond)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The earliest time (in <see cref="Now"/> ticks) a permit is free.</summary>
        internal long NextFree
        {
            get { lock (_gate) return _nextFreeTicks; }
        }

        /// <summary>
        /// Takes the permit at <paramref name="slot"/>, which the caller computed as free across several
        /// limiters under one lock: chained limiters must agree on the moment the call is really sent,
        /// or an endpoint's spacing would be measured from a slot the call did not use. Returns the call's
        /// sequence number in the window log (-1 without one), for <see cref="Settle"/>.
        /// </summary>
        internal long ReserveAt(long slot)
        {
            lock (_gate)
            {
                _nextFreeTicks = Math.Max(_nextFreeTicks, slot + _intervalTicks);
                _lastGrantTicks = Math.Max(_lastGrantTicks, slot);
                _granted++;
                if (_arrivals == null) return -1;
                if (_nextSequence - _first == _permits) _first++; // the call Permits places back from the next one: no window counts it
                if (_nextSequence - _first == _arrivals.Length) MakeRoom();
                var sequence = _nextSequence++;
                _arrivals[sequence % _arrivals.Length] = Unsettled;
                return sequence;
            }
        }

        const long Unsettled = long.MaxValue;
        /// <summary>The window log's first length; it doubles when full, up to the rule's permits.</summary>
        const int InitialLog = 64;
        // The window log: the latest possible arrival of the calls [_first, _nextSequence) of the last Permits, by sequence
        // number modulo its length. A ring that grows on demand: a limit raised to 10 000 000 a window would be 80 MB at once.
        long[] _arrivals;
        int _permits;
        long _first;
        long _nextSequence;
        long _windowTicks;
        // The latest arrival of the calls dropped from the front for being a whole window old (long.MinValue: none).
        long _forgotten = long.MinValue;
        TaskCompletionSource<bool> _settled;

        /// <summary>
        /// Room for one more call in a full log: first drops the oldest calls a whole window old (settled, so no window can
        /// count them again: the clock only moves on), else doubles the log.
        /// </summary>
        void MakeRoom()
        {
            var horizon = Now - _windowTicks;
            for (; _first < _nextSequence; _first++)
            {
                var arrival = _arrivals[_first % _arrivals.Length];
                if (arrival == Unsettled || arrival > horizon) break;
                _forgotten = Math.Max(_forgotten, arrival);
            }
            if (_nextSequence - _first == _arrivals.Length) CopyLog(_first, (int)Math.Min(_permits, 2L * _arrivals.Length));
        }

        /// <summary>A log of <paramref name="length"/> places holding the calls from <paramref name="first"/> on.</summary>
        void CopyLog(long first, int length)
        {
            var copy = new long[length];
            for (var sequence = first; sequence < _nextSequence; sequence++) copy[sequence % length] = _arrivals[sequence % _arrivals.Length];
            _arrivals = copy;
            _first = first;
        }

        /// <summary>
        /// Also keeps a log of the last <paramref name="permits"/> calls' latest possible arrival at the server, so a
        /// call goes only when the one <paramref name="permits"/> places back arrived a whole window earlier. Even
        /// pacing alone assumes calls arrive when they leave; a cold connection, a handshake or a pause breaks that.
        /// </summary>
        internal PacedRateLimiter WithWindow(int permits, TimeSpan window)
        {
            lock (_gate) ResizeWindow(permits, window);
            return this;
        }

        /// <summary>
        /// A new rate for the same rule, in force from the next reservation: the next call keeps the new interval
        /// from the last one sent, and the window log keeps the calls it still holds, so a lower rate cannot
        /// be overrun by the calls made just before it and a higher one is used at once.
        /// </summary>
        internal void Retime(TimeSpan interval, int permits, TimeSpan window)
        {
            if (interval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
            lock (_gate)
            {
                _intervalTicks = interval.Ticks;
                // Slots reserved in the future belong to calls that will take a new one (RequestThrottle re-slots them),
                // so the last call really sent went at the latest now.
                if (_lastGrantTicks != long.MinValue) _nextFreeTicks = Math.Max(Math.Min(_lastGrantTicks, Now) + _intervalTicks, _pausedUntilTicks);
                ResizeWindow(permits, window);
            }
        }

        void ResizeWindow(int permits, TimeSpan window)
        {
            // The calls of the last permits the log holds stay; older ones no window of the new rule counts.
            var first = Math.Max(_first, _nextSequence - permits);
            var kept = (int)(_nextSequence - first);
            if (_arrivals == null) _arrivals = new long[Math.Min(permits, InitialLog)];
            else CopyLog(first, Math.Max(kept, Math.Min(permits, InitialLog)));
            _permits = permits;
            _windowTicks = window.Ticks;
            CompleteSettled();
        }

        /// <summary>What the window log allows (the caller holds the gate): see <see cref="WindowFree"/>.</summary>
        long? WindowFreeCore()
        {
            if (_arrivals == null) return long.MinValue;
            var oldest = _nextSequence - _permits; // the call Permits places back
            if (oldest < 0) return long.MinValue;
            if (oldest < _first) return _forgotten == long.MinValue ? long.MinValue : _forgotten + _windowTicks; // a window old, or before a new rule
            var arrival = _arrivals[oldest % _arrivals.Length];
            if (arrival == Unsettled) return null;
            return arrival + _windowTicks;
        }

        /// <summary>
        /// The earliest slot the window log allows, or null while the call it depends on has not answered yet
        /// (its arrival is unknown, so nothing can be computed from it).
        /// </summary>
        internal long? WindowFree
        {
            get
            {
                lock (_gate) return WindowFreeCore();
            }
        }

        /// <summary>Completes when the call the window waits for has settled (at once if it already has).</summary>
        internal Task WindowSettled()
        {
            lock (_gate)
            {
                if (WindowFreeCore() != null) return Task.CompletedTask;
                // Asynchronous continuations: the settling caller must not run the waiter's request on its own stack.
                if (_settled == null) _settled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _settled.Task;
            }
        }

        void CompleteSettled()
        {
            var settled = _settled;
            _settled = null;
            settled?.TrySetResult(true);
        }

        /// <summary>Records the latest moment the call <paramref name="sequence"/> can have reached the server; the first report counts.</summary>
        internal void Settle(long sequence, long latestArrivalTicks)
        {
            if (sequence < 0) return;
            lock (_gate)
            {
                if (_arrivals == null || sequence >= _nextSequence || sequence < _first) return; // dropped: out of every window
                var place = sequence % _arrivals.Length;
                if (_arrivals[place] != Unsettled) return;
                _arrivals[place] = latestArrivalTicks;
                CompleteSettled();
            }
        }

        /// <summary>Holds every permit until the given delay has passed (a server said its quota is spent).</summary>
        public void PauseFor(TimeSpan delay)
        {
            if (delay <= TimeSpan.Zero) return;
            lock (_gate)
            {
                var until = Now + delay.Ticks;
                if (until > _pausedUntilTicks) _pausedUntilTicks = until;
                if (until > _nextFreeTicks) _nextFreeTicks = until;
            }
        }

        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_gate)
                {
                    if (_lastGrantTicks == long.MinValue) return TimeSpan.MaxValue;
                    var idle = Now - Math.Max(_lastGrantTicks, _nextFreeTicks);
                    return idle > 0 ? TimeSpan.FromTicks(idle) : (TimeSpan?)null;
                }
            }
        }

        /// <summary>True when nothing is in flight and the last call is more than <paramref name="age"/> old: the limiter can be dropped.</summary>
        internal bool IdleLongerThan(TimeSpan age)
        {
            lock (_gate)
            {
                if (_arrivals != null)
                    for (var sequence = _first; sequence < _nextSequence; sequence++)
                        if (_arrivals[sequence % _arrivals.Length] == Unsettled) return false;
                return _lastGrantTicks == long.MinValue || Now - Math.Max(_lastGrantTicks, _nextFreeTicks) > age.Ticks;
            }
        }

        public override RateLimiterStatistics GetStatistics()
        {
            lock (_gate)
            {
                var wait = _nextFreeTicks - Now;
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = wait <= 0 ? 1 : 0,
                    CurrentQueuedCount = wait <= 0 ? 0 : _intervalTicks == 0 ? 1 : (long)Math.Ceiling((double)wait / _intervalTicks),
                    TotalSuccessfulLeases = _granted,
                    TotalFailedLeases = 0,
                };
            }
        }

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            lock (_gate)
            {
                var now = Now;
                if (_nextFreeTicks > now) return new Lease(false, TimeSpan.FromTicks(_nextFreeTicks - now));
                for (var i = 0; i < Math.Max(1, permitCount); i++) ReserveAt(Math.Max(now, _nextFreeTicks));
                return new Lease(true, TimeSpan.Zero);
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            long slot;
            lock (_gate)
            {
                slot = Math.Max(Now, _nextFreeTicks);
                for (var i = 0; i < Math.Max(1, permitCount); i++) ReserveAt(Math.Max(slot, _nextFreeTicks - _intervalTicks));
            }
            await WaitUntilAsync(Clock, slot, cancellationToken).ConfigureAwait(false);
            return new Lease(true, TimeSpan.Zero);
        }

        sealed class Lease : RateLimitLease
        {
            readonly TimeSpan _retryAfter;
            public Lease(bool acquired, TimeSpan retryAfter) { IsAcquired = acquired; _retryAfter = retryAfter; }
            public override bool IsAcquired { get; }
            public override IEnumerable<string> MetadataNames => IsAcquired ? new string[0] : new[] { MetadataName.RetryAfter.Name };
            public override bool TryGetMetadata(string metadataName, out object metadata)
            {
                if (!IsAcquired && metadataName == MetadataName.RetryAfter.Name) { metadata = _retryAfter; return true; }
                metadata = null;
                return false;
            }
        }
    }
}
