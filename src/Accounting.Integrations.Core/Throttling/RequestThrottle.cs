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
            while (true)
            {
                long slot;
                int[] places = null;
                lock (ReservationGate)
                {
                    var now = PacedRateLimiter.Now;
                    slot = limiters.Select(l => l.NextFree).DefaultIfEmpty(now).Max();
                    if (slot < now) slot = now;
                    var blocked = false;
                    foreach (var limiter in limiters)
                    {
                        var windowFree = limiter.WindowFree;
                        if (windowFree == null) { blocked = true; break; }
                        if (windowFree.Value > slot) slot = windowFree.Value;
                    }
                    if (!blocked) places = limiters.Select(l => l.ReserveAt(slot)).ToArray();
                }
                if (places == null)
                {
                    // A call the window counts has not answered yet: its arrival decides when this one may go.
                    await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var permit = new ThrottlePermit(limiters, places, slot);
                try { await PacedRateLimiter.WaitUntilAsync(slot, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException)
                {
                    permit.Settle(slot); // never sent: release its place, or the calls a window later would wait for it forever
                    throw;
                }
                for (var t = this; t != null; t = t.Parent) Interlocked.Increment(ref t._acquired);
                return permit;
            }
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
                // The window gets the same margin as the spacing, for clock jitter between us and the server.
                var window = TimeSpan.FromTicks((long)(rule.Window.Ticks * (2 - _utilisation)));
                return new PacedRateLimiter(TimeSpan.FromTicks(interval)).WithWindow(rule.Permits, window);
            });
        }
    }

    /// <summary>
    /// One call's place in the schedule. A server counts a call when it arrives, which can be well after
    /// the slot (a cold connection, a TLS handshake, a pause): settling the permit with the latest moment
    /// the call can have arrived keeps the calls a window later spaced from that moment instead.
    /// </summary>
    public sealed class ThrottlePermit
    {
        readonly IReadOnlyList<PacedRateLimiter> _limiters;
        readonly int[] _places;

        internal ThrottlePermit(IReadOnlyList<PacedRateLimiter> limiters, int[] places, long slotTicks)
        {
            _limiters = limiters;
            _places = places;
            SlotTicks = slotTicks;
        }

        /// <summary>When the call was allowed to go, in <see cref="PacedRateLimiter"/> clock ticks.</summary>
        public long SlotTicks { get; }

        public static long NowTicks => PacedRateLimiter.Now;

        /// <summary>
        /// Records the latest moment this call can have reached the server, so the calls a window later keep a
        /// whole window from it. Called on every path (the first report counts); until then those calls wait.
        /// </summary>
        public void Settle(long latestArrivalTicks)
        {
            for (var i = 0; i < _limiters.Count; i++) _limiters[i].Settle(_places[i], Math.Max(latestArrivalTicks, SlotTicks));
        }
    }
}
