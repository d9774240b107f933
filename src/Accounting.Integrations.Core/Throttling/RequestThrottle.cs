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
        /// <summary>Fraction of each documented limit the client aims for; the rest absorbs clock jitter.</summary>
        public const double DefaultUtilisation = 0.97;

        static readonly object ReservationGate = new object();
        readonly RateRule[] _rules;
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
        /// spacing is measured between the moments calls are really sent.
        /// </summary>
        public async Task AcquireAsync(string endpoint, CancellationToken cancellationToken)
        {
            var limiters = new List<PacedRateLimiter>();
            for (var t = this; t != null; t = t.Parent) limiters.AddRange(t._rules.Select(r => t.LimiterFor(r, endpoint)));
            long wait;
            lock (ReservationGate)
            {
                var now = PacedRateLimiter.Now;
                var slot = limiters.Select(l => l.NextFree).DefaultIfEmpty(now).Max();
                if (slot < now) slot = now;
                foreach (var limiter in limiters) limiter.ReserveAt(slot);
                wait = slot - now;
            }
            if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), cancellationToken).ConfigureAwait(false);
            for (var t = this; t != null; t = t.Parent) Interlocked.Increment(ref t._acquired);
        }

        /// <summary>Holds all calls for a while, e.g. when the server reports its quota is spent.</summary>
        public void PauseAll(TimeSpan delay)
        {
            foreach (var rule in _rules.Where(r => r.Scope == RateScope.Account)) LimiterFor(rule, null).PauseFor(delay);
            foreach (var limiter in _limiters.Values) limiter.PauseFor(delay);
        }

        PacedRateLimiter LimiterFor(RateRule rule, string endpoint)
        {
            var key = rule.Scope == RateScope.Endpoint ? rule.Name + "|" + (endpoint ?? "") : rule.Name;
            return _limiters.GetOrAdd(key, _ => new PacedRateLimiter(
                TimeSpan.FromTicks((long)Math.Ceiling(rule.Window.Ticks / (rule.Permits * _utilisation)))));
        }
    }
}
