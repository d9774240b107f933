using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// The client-side limiter of one service account: every documented rule at once, so that bulk work
    /// runs just under the service's limits instead of into 429s. Shared by every connection in the
    /// process that uses the same account (see <see cref="ThrottleRegistry"/>).
    /// </summary>
    public sealed class RequestThrottle
    {
        /// <summary>
        /// Fraction of each documented limit the client aims for. The rest absorbs jitter between the moment
        /// a call leaves and the moment the server counts it: at 0.97, three calls to a 2/s endpoint span
        /// 1.03 s, so a sliding one-second window tolerates 30 ms of delay on one of them; a later arrival
        /// pushes the schedule back (see ThrottlePermit.Settle).
        /// </summary>
        public const double DefaultUtilisation = 0.97;

        static readonly object ReservationGate = new object();
        readonly RateRule[] _rules;
        // A limiter without a rate of its own: only PauseAll moves it, and every call waits for it.
        readonly PacedRateLimiter _pause = new PacedRateLimiter(TimeSpan.FromTicks(1));
        readonly double _utilisation;
        readonly ConcurrentDictionary<string, PacedRateLimiter> _limiters = new ConcurrentDictionary<string, PacedRateLimiter>(StringComparer.Ordinal);
        long _acquired;

        public RequestThrottle(IEnumerable<RateRule> rules, double utilisation = DefaultUtilisation, RequestThrottle parent = null)
        {
            Parent = parent;
            if (utilisation <= 0 || utilisation > 1) throw new ArgumentOutOfRangeException(nameof(utilisation), "Utilisation is a fraction in (0, 1].");
            // Narrowest first: an endpoint's slot is reserved before the account-wide one, so waiting on the
            // endpoint does not hold an account slot that other endpoints could use.
            _rules = (rules ?? Enumerable.Empty<RateRule>()).OrderByDescending(r => r.Scope).ThenBy(r => r.PerSecond).ToArray();
            _utilisation = utilisation;
        }

        public static RequestThrottle Unlimited { get; } = new RequestThrottle(Enumerable.Empty<RateRule>());

        /// <summary>A wider budget this one also draws from (e.g. a developer key shared by several users).</summary>
        public RequestThrottle Parent { get; }
        public IReadOnlyList<RateRule> Rules => _rules;
        public double Utilisation => _utilisation;
        public long AcquiredCount => Interlocked.Read(ref _acquired);

        /// <summary>
        /// Waits until every rule, this throttle's and its parents', allows one more call for
        /// <paramref name="endpoint"/>. All limiters reserve the same slot under one lock, so each rule's
        /// spacing is measured between the moments calls are really sent. Settle the returned permit
        /// when the answer arrives.
        /// </summary>
        public async Task<ThrottlePermit> AcquireAsync(string endpoint, CancellationToken cancellationToken)
        {
            var limiters = new List<PacedRateLimiter>();
            for (var t = this; t != null; t = t.Parent)
            {
                limiters.AddRange(t._rules.Select(r => t.LimiterFor(r, endpoint)));
                limiters.Add(t._pause);
            }
            long slot;
            lock (ReservationGate)
            {
                var now = PacedRateLimiter.Now;
                slot = limiters.Select(l => l.NextFree).DefaultIfEmpty(now).Max();
                if (slot < now) slot = now;
                foreach (var limiter in limiters) limiter.ReserveAt(slot);
            }
            await PacedRateLimiter.WaitUntilAsync(slot, cancellationToken).ConfigureAwait(false);
            for (var t = this; t != null; t = t.Parent) Interlocked.Increment(ref t._acquired);
            return new ThrottlePermit(limiters, slot);
        }

        /// <summary>Holds every call of this account until the delay has passed, e.g. when the server reports its quota spent.</summary>
        public void PauseAll(TimeSpan delay)
        {
            if (delay <= TimeSpan.Zero) return;
            _pause.PauseFor(delay);
        }

        PacedRateLimiter LimiterFor(RateRule rule, string endpoint)
        {
            var key = rule.Scope == RateScope.Endpoint ? rule.Name + "|" + (endpoint ?? "") : rule.Name;
            return _limiters.GetOrAdd(key, _ =>
            {
                var interval = (long)Math.Ceiling(rule.Window.Ticks / (rule.Permits * _utilisation));
                return new PacedRateLimiter(TimeSpan.FromTicks(interval)) { HeadroomTicks = interval - rule.Window.Ticks / rule.Permits };
            });
        }
    }

    /// <summary>
    /// One call's place in the schedule. A server counts a call when it arrives, which can be well after
    /// the slot (a cold connection, a TLS handshake, a pause): settling the permit with the latest moment
    /// the call can have arrived keeps the next calls spaced from that moment instead.
    /// </summary>
    public sealed class ThrottlePermit
    {
        readonly IReadOnlyList<PacedRateLimiter> _limiters;

        internal ThrottlePermit(IReadOnlyList<PacedRateLimiter> limiters, long slotTicks)
        {
            _limiters = limiters;
            SlotTicks = slotTicks;
        }

        /// <summary>When the call was allowed to go, in <see cref="PacedRateLimiter"/> clock ticks.</summary>
        public long SlotTicks { get; }

        public static long NowTicks => PacedRateLimiter.Now;

        /// <summary>
        /// Respaces the following calls from the latest moment this call can have reached the server. A delay
        /// within each limiter's headroom (its interval times 1 - utilisation) is already absorbed by the
        /// spacing, so only a longer one pushes the schedule back.
        /// </summary>
        public void Settle(long latestArrivalTicks)
        {
            foreach (var limiter in _limiters)
            {
                var late = latestArrivalTicks - SlotTicks - limiter.HeadroomTicks;
                if (late > 0) limiter.PushNextFree(SlotTicks + late + limiter.IntervalTicks);
            }
        }
    }
}
