using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    /// </summary>
    public sealed class PacedRateLimiter : RateLimiter
    {
        static readonly double TicksPerStopwatchTick = (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency;

        readonly object _gate = new object();
        readonly long _intervalTicks;
        long _nextFreeTicks;
        long _lastGrantTicks = long.MinValue;
        long _granted;

        public PacedRateLimiter(TimeSpan interval)
        {
            if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
            Interval = interval;
            _intervalTicks = interval.Ticks;
        }

        public TimeSpan Interval { get; }

        internal static long Now => (long)(Stopwatch.GetTimestamp() * TicksPerStopwatchTick);

        /// <summary>Waits until the clock reaches <paramref name="ticks"/>; Task.Delay alone can wake a millisecond or two early.</summary>
        internal static async Task WaitUntilAsync(long ticks, CancellationToken cancellationToken)
        {
            for (var wait = ticks - Now; wait > 0; wait = ticks - Now)
                await Task.Delay(TimeSpan.FromTicks(Math.Max(wait, TimeSpan.TicksPerMillisecond)), cancellationToken).ConfigureAwait(false);
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
        /// place in the window log (-1 without one), for <see cref="Settle"/>.
        /// </summary>
        internal int ReserveAt(long slot)
        {
            lock (_gate)
            {
                _nextFreeTicks = Math.Max(_nextFreeTicks, slot + _intervalTicks);
                _lastGrantTicks = slot;
                _granted++;
                if (_arrivals == null) return -1;
                var place = _nextArrival;
                _arrivals[place] = Unsettled;
                _nextArrival = (place + 1) % _arrivals.Length;
                return place;
            }
        }

        const long Unsettled = long.MaxValue;
        long[] _arrivals;
        int _nextArrival;
        long _windowTicks;

        /// <summary>
        /// Also keeps a log of the last <paramref name="permits"/> calls' latest possible arrival at the server, so a
        /// call goes only when the one <paramref name="permits"/> places back arrived a whole window earlier. Even
        /// pacing alone assumes calls arrive when they leave; a cold connection, a handshake or a pause breaks that.
        /// </summary>
        internal PacedRateLimiter WithWindow(int permits, TimeSpan window)
        {
            lock (_gate)
            {
                _arrivals = new long[permits];
                for (var i = 0; i < permits; i++) _arrivals[i] = long.MinValue;
                _nextArrival = 0;
                _windowTicks = window.Ticks;
            }
            return this;
        }

        /// <summary>
        /// The earliest slot the window log allows, or null while the call it depends on has not answered yet
        /// (its arrival is unknown, so nothing can be computed from it).
        /// </summary>
        internal long? WindowFree
        {
            get
            {
                lock (_gate)
                {
                    if (_arrivals == null) return long.MinValue;
                    var oldest = _arrivals[_nextArrival];
                    if (oldest == Unsettled) return null;
                    return oldest == long.MinValue ? long.MinValue : oldest + _windowTicks;
                }
            }
        }

        /// <summary>Records the latest moment the call at <paramref name="place"/> can have reached the server; the first report counts.</summary>
        internal void Settle(int place, long latestArrivalTicks)
        {
            if (place < 0) return;
            lock (_gate)
            {
                if (_arrivals != null && _arrivals[place] == Unsettled) _arrivals[place] = latestArrivalTicks;
            }
        }

        /// <summary>Holds every permit until the given delay has passed (a server said its quota is spent).</summary>
        public void PauseFor(TimeSpan delay)
        {
            if (delay <= TimeSpan.Zero) return;
            lock (_gate)
            {
                var until = Now + delay.Ticks;
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

        public override RateLimiterStatistics GetStatistics()
        {
            lock (_gate)
            {
                var wait = _nextFreeTicks - Now;
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = wait <= 0 ? 1 : 0,
                    CurrentQueuedCount = wait <= 0 ? 0 : (long)Math.Ceiling((double)wait / _intervalTicks),
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
            long wait;
            lock (_gate)
            {
                var now = Now;
                var slot = Math.Max(now, _nextFreeTicks);
                for (var i = 0; i < Math.Max(1, permitCount); i++) ReserveAt(Math.Max(slot, _nextFreeTicks - _intervalTicks));
                wait = slot - now;
            }
            if (wait > 0) await WaitUntilAsync(Now + wait, cancellationToken).ConfigureAwait(false);
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
