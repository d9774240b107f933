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
    /// process that uses the same account (see <see cref="ThrottleRegistry"/>), and re-ruled when one of
    /// them reconnects with another rate: all of them follow at once.
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

        /// <summary>Per-resource limiters (one per order read) are dropped once idle this many windows, so they do not pile up.</summary>
        const int ResourceIdleWindows = 2;
        const int ResourcePruneEvery = 256;

        static readonly object ReservationGate = new object();
        readonly object _configGate = new object();
        volatile RateRule[] _rules;
        volatile bool _paced;
        int _generation;
        // A limiter without a rate of its own: only PauseAll moves it, and every call waits for it.
        readonly PacedRateLimiter _pause;
        readonly double _utilisation;
        readonly ConcurrentDictionary<string, PacedRateLimiter> _limiters = new ConcurrentDictionary<string, PacedRateLimiter>(StringComparer.Ordinal);
        int _resourceLimitersMade;
        long _acquired;

        public RequestThrottle(IEnumerable<RateRule> rules, double utilisation = DefaultUtilisation, RequestThrottle parent = null, TimeProvider clock = null, bool paced = true)
        {
            if (utilisation <= 0 || utilisation > 1) throw new ArgumentOutOfRangeException(nameof(utilisation), "Utilisation is a fraction in (0, 1].");
            Parent = parent;
            Clock = clock ?? parent?.Clock ?? TimeProvider.System;
            _pause = new PacedRateLimiter(TimeSpan.Zero, Clock);
            _rules = Order(rules);
            _paced = paced;
            _utilisation = utilisation;
        }

        public static RequestThrottle Unlimited { get; } = new RequestThrottle(Enumerable.Empty<RateRule>(), paced: false);

        /// <summary>A wider budget this one also draws from (e.g. a developer key shared by several users).</summary>
        public RequestThrottle Parent { get; }
        public TimeProvider Clock { get; }
        public IReadOnlyList<RateRule> Rules => _rules;
        /// <summary>False when the account's newest connection turned client pacing off (-NoRateLimit): calls go at once.</summary>
        public bool Paced => _paced;
        public double Utilisation => _utilisation;
        public long AcquiredCount => Interlocked.Read(ref _acquired);

        /// <summary>
        /// The account's budget shared with the machine's other processes (see <see cref="MachineBudget"/>); null to pace
        /// in this process only (a test's virtual clock, or ACCOUNTING_INTEGRATIONS_MACHINE_BUDGET=off).
        /// </summary>
        public MachineBudget Machine { get; set; }

        // Narrowest first: an endpoint's slot is reserved before the account-wide one, so waiting on the
        // endpoint does not hold an account slot that other endpoints could use. Then the slowest rule first.
        // A stable insertion sort by hand (a handful of rules): LINQ's sorting over an enum and a double key is generic
        // code over value types that the runtime compiles on a session's first Connect-*.
        static RateRule[] Order(IEnumerable<RateRule> rules)
        {
            var ordered = (rules ?? Enumerable.Empty<RateRule>()).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                var rule = ordered[i];
                var j = i - 1;
                for (; j >= 0 && GoesBefore(rule, ordered[j]); j--) ordered[j + 1] = ordered[j];
                ordered[j + 1] = rule;
            }
            return ordered;
        }

        static bool GoesBefore(RateRule a, RateRule b) => a.Scope != b.Scope ? a.Scope > b.Scope : a.PerSecond < b.PerSecond;

        /// <summary>
        /// Puts new rules (and pacing on or off) in force for every connection of the account, from the next call
        /// on: limiters of a rule that stays keep their history under the new rate, calls waiting for a slot of the
        /// old schedule take a new one. Returns whether anything changed.
        /// </summary>
        public bool Reconfigure(IEnumerable<RateRule> rules, bool paced = true)
        {
            var ordered = Order(rules);
            lock (_configGate)
            {
                var current = _rules;
                if (paced == _paced && current.Length == ordered.Length && current.All(r => ordered.Any(r.SameAs))) return false;
                lock (ReservationGate)
                {
                    _rules = ordered;
                    _paced = paced;
                    foreach (var entry in _limiters)
                    {
                        var rule = ordered.FirstOrDefault(r => r.Name == entry.Value.RuleName);
                        if (rule == null) _limiters.TryRemove(entry.Key, out _);
                        else
                        {
                            var (interval, permits, window) = Timing(rule);
                            entry.Value.Retime(interval, permits, window);
                        }
                    }
                    Interlocked.Increment(ref _generation);
                }
                return true;
            }
        }

        /// <summary>Waits until every rule allows one more call for <paramref name="endpoint"/>.</summary>
        public Task<ThrottlePermit> AcquireAsync(string endpoint, CancellationToken cancellationToken) =>
            AcquireAsync(endpoint, null, cancellationToken);

        /// <summary>
        /// Waits until every rule, this throttle's and its parents', allows one more call for
        /// <paramref name="endpoint"/> (and, for per-resource rules, <paramref name="resource"/>). All limiters
        /// reserve the same slot under one lock, so each rule's spacing is measured between the moments calls are
        /// really sent. Settle the returned permit when the answer arrives.
        /// </summary>
        public async Task<ThrottlePermit> AcquireAsync(string endpoint, string resource, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (!_paced) return ThrottlePermit.Unpaced(Clock);
                var limiters = new List<PacedRateLimiter>();
                // The generation each throttle of the chain had (by hand, not tuples: see Order).
                var throttles = new List<RequestThrottle>();
                var generations = new List<int>();
                for (var t = this; t != null; t = t.Parent)
                {
                    throttles.Add(t);
                    generations.Add(Volatile.Read(ref t._generation));
                    foreach (var rule in t._rules)
                    {
                        var limiter = t.LimiterFor(rule, endpoint, resource);
                        if (limiter != null) limiters.Add(limiter);
                    }
                    limiters.Add(t._pause);
                }
                long slot;
                long[] places = null;
                Task settled = null;
                lock (ReservationGate)
                {
                    if (Reruled(throttles, generations)) continue; // re-ruled meanwhile
                    slot = PacedRateLimiter.TicksOf(Clock);
                    foreach (var limiter in limiters)
                    {
                        var free = limiter.NextFree;
                        if (free > slot) slot = free;
                    }
                    foreach (var limiter in limiters)
                    {
                        var windowFree = limiter.WindowFree;
                        if (windowFree == null) { settled = limiter.WindowSettled(); break; }
                        if (windowFree.Value > slot) slot = windowFree.Value;
                    }
                    if (settled == null)
                    {
                        places = new long[limiters.Count];
                        for (var i = 0; i < places.Length; i++) places[i] = limiters[i].ReserveAt(slot);
                    }
                }
                if (places == null)
                {
                    // A call the window counts has not answered yet: its arrival decides when this one may go.
                    await WaitAsync(settled, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var permit = new ThrottlePermit(Clock, limiters, places, slot);
                try { await PacedRateLimiter.WaitUntilAsync(Clock, slot, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException)
                {
                    permit.Settle(slot); // never sent: release its place, or the calls a window later would wait for it forever
                    throw;
                }
                if (Reruled(throttles, generations))
                {
                    // The account got a new rate while this call waited for a slot of the old schedule: take a new one.
                    permit.Settle(slot);
                    continue;
                }
                var machine = new List<BudgetShare>();
                for (var t = this; t != null; t = t.Parent)
                    if (t.Machine != null) machine.Add(new BudgetShare(t.Machine, t._rules, t._utilisation));
                if (machine.Count > 0)
                {
                    // Then the account's budget across every process of the machine: this process's calls are in it too.
                    try
                    {
                        permit.Machine = await MachineBudget.ReserveAsync(machine, endpoint, Clock, Tracing.CallObserverScope.Verbose, cancellationToken).ConfigureAwait(false);
                        if (permit.Machine != null && permit.Machine.SlotTicks > permit.SlotTicks) permit.SlotTicks = permit.Machine.SlotTicks; // it goes then
                    }
                    catch (OperationCanceledException)
                    {
                        permit.Settle(slot);
                        throw;
                    }
                }
                for (var t = this; t != null; t = t.Parent) Interlocked.Increment(ref t._acquired);
                return permit;
            }
        }

        static bool Reruled(List<RequestThrottle> throttles, List<int> generations)
        {
            for (var i = 0; i < throttles.Count; i++)
                if (Volatile.Read(ref throttles[i]._generation) != generations[i]) return true;
            return false;
        }

        static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted) return;
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>Holds every call of this account until the delay has passed, e.g. when the server reports its quota spent.</summary>
        public void PauseAll(TimeSpan delay)
        {
            if (delay <= TimeSpan.Zero) return;
            _pause.PauseFor(delay);
            Machine?.PauseFor(delay, Tracing.CallObserverScope.Verbose);
        }

        /// <summary>The spacing, window-log length and window that meet a rule at this throttle's utilisation.</summary>
        (TimeSpan Interval, int Permits, TimeSpan Window) Timing(RateRule rule) => Timing(rule, _utilisation);

        /// <summary>The same for any utilisation: the machine-wide ledger meets each rule exactly as this throttle does.</summary>
        internal static (TimeSpan Interval, int Permits, TimeSpan Window) Timing(RateRule rule, double utilisation)
        {
            var interval = rule.Burst ? 0 : (long)Math.Ceiling(rule.Window.Ticks / (rule.Permits * utilisation));
            // The window gets the same margin as the spacing, for clock jitter between us and the server.
            var window = TimeSpan.FromTicks((long)(rule.Window.Ticks * (2 - utilisation)));
            return (TimeSpan.FromTicks(interval), rule.Permits, window);
        }

        PacedRateLimiter LimiterFor(RateRule rule, string endpoint, string resource)
        {
            if (!rule.AppliesTo(endpoint)) return null;
            string key;
            switch (rule.Scope)
            {
                case RateScope.Endpoint: key = rule.Name + "|" + (endpoint ?? ""); break;
                case RateScope.Resource:
                    if (resource == null) return null; // a call without a resource key is not one of the rule's calls
                    key = rule.Name + "|" + endpoint + "|" + resource;
                    break;
                default: key = rule.Name; break;
            }
            if (_limiters.TryGetValue(key, out var existing)) return existing;
            if (rule.Scope == RateScope.Resource && Interlocked.Increment(ref _resourceLimitersMade) % ResourcePruneEvery == 0) PruneResources(rule);
            return _limiters.GetOrAdd(key, _ =>
            {
                var (interval, permits, window) = Timing(rule);
                return new PacedRateLimiter(interval, Clock) { RuleName = rule.Name }.WithWindow(permits, window);
            });
        }

        void PruneResources(RateRule rule)
        {
            var age = TimeSpan.FromTicks(rule.Window.Ticks * ResourceIdleWindows);
            var prefix = rule.Name + "|";
            foreach (var entry in _limiters)
                if (entry.Key.StartsWith(prefix, StringComparison.Ordinal) && entry.Value.IdleLongerThan(age))
                    _limiters.TryRemove(entry.Key, out _);
        }

        /// <summary>How many limiters this throttle holds (per-resource ones are pruned when idle); for tests.</summary>
        internal int LimiterCount => _limiters.Count;
    }

    /// <summary>
    /// One call's place in the schedule. A server counts a call when it arrives, which can be well after
    /// the slot (a cold connection, a TLS handshake, a pause): settling the permit with the latest moment
    /// the call can have arrived keeps the calls a window later spaced from that moment instead.
    /// </summary>
    public sealed class ThrottlePermit
    {
        static readonly PacedRateLimiter[] NoLimiters = new PacedRateLimiter[0];
        readonly IReadOnlyList<PacedRateLimiter> _limiters;
        readonly long[] _places;
        readonly TimeProvider _clock;

        /// <summary>The call's place in the machine-wide budget, when the account has one.</summary>
        internal MachineReservation Machine { get; set; }

        internal ThrottlePermit(TimeProvider clock, IReadOnlyList<PacedRateLimiter> limiters, long[] places, long slotTicks)
        {
            _clock = clock;
            _limiters = limiters;
            _places = places;
            SlotTicks = slotTicks;
        }

        internal static ThrottlePermit Unpaced(TimeProvider clock) => new ThrottlePermit(clock, NoLimiters, new long[0], PacedRateLimiter.TicksOf(clock));

        /// <summary>When the call was allowed to go, in <see cref="NowTicks"/> clock ticks (the later of this process's slot and the machine's).</summary>
        public long SlotTicks { get; internal set; }

        /// <summary>The throttle's clock now, in the same ticks as <see cref="SlotTicks"/>.</summary>
        public long NowTicks => PacedRateLimiter.TicksOf(_clock);

        /// <summary>
        /// Records the latest moment this call can have reached the server, so the calls a window later keep a
        /// whole window from it. Called on every path (the first report counts); until then those calls wait.
        /// </summary>
        public void Settle(long latestArrivalTicks)
        {
            for (var i = 0; i < _limiters.Count; i++) _limiters[i].Settle(_places[i], Math.Max(latestArrivalTicks, SlotTicks));
            // Across processes only the moment of this report is a sure bound: "now minus the quickest round trip" is not,
            // for a short-lived process whose one cold call set that round trip (a 20-job run got a 429 from it). That
            // estimate stays this process's own, for its own calls, as its in-process limiter uses it. UTC ticks: the clock
            // every process of the machine shares.
            var utcNow = _clock.GetUtcNow().UtcTicks;
            Machine?.Settle(utcNow, utcNow - Math.Max(0, NowTicks - latestArrivalTicks));
        }
    }
}
