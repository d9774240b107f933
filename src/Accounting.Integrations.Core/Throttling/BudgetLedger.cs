using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// The arithmetic of one account's machine-wide budget, with no I/O: the calls every process on the machine
    /// made lately (per rule, and per endpoint for per-endpoint rules), each with its slot and the latest moment
    /// it can have reached the server, plus a pause the server asked for. Times are UTC ticks, the one clock all
    /// processes of a machine share. <see cref="MachineBudget"/> keeps it in a locked file.
    /// The rules are met as the in-process limiter meets them (<see cref="RequestThrottle.Timing"/>): even spacing,
    /// and a call goes only a whole (widened) window after the arrival of the call <c>Permits</c> places back.
    /// </summary>
    public sealed class BudgetLedger
    {
        /// <summary>
        /// A call that has not settled after this long (its process died, or it hangs) counts as having arrived this long
        /// after its slot, so a killed process cannot stop the account forever. ASSUMPTION: no call reaches a server
        /// more than 30 s after it left; answers take longer, arrivals do not.
        /// </summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

        const long Unsettled = 0;

        sealed class Entry
        {
            public long Id;
            public long Slot;
            public long Arrival; // Unsettled until the call's answer (or failure) says when it can have arrived
            // The owner's own estimate (its answer time minus its quickest round trip): what the process's own limiter
            // assumes for its calls. Only the owner uses it; other processes go by Arrival, the sure bound.
            public long Estimate;
        }

        /// <summary>The process part of a call id (the upper bits); ids of one process share it.</summary>
        public const long OwnerMask = ~0xFFFFFFFFFFL;

        readonly Dictionary<string, List<Entry>> _calls = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);

        /// <summary>No call of the account goes before this (a 429's Retry-After, shared by every process).</summary>
        public long PausedUntil { get; private set; }

        /// <summary>How many calls the ledger remembers (at most each rule's permits); for tests.</summary>
        public int Count => _calls.Values.Sum(l => l.Count);

        /// <summary>The ledger key of <paramref name="rule"/> for a call to <paramref name="endpoint"/>; null when the rule does not count that call machine-wide.</summary>
        public static string KeyOf(RateRule rule, string endpoint)
        {
            if (!rule.AppliesTo(endpoint)) return null;
            switch (rule.Scope)
            {
                case RateScope.Account: return rule.Name;
                case RateScope.Endpoint: return rule.Name + "|" + (endpoint ?? "");
                // Per-resource limits (6 reads a minute of one order) stay per process: two processes rarely read the same order.
                default: return null;
            }
        }

        /// <summary>
        /// The earliest slot at or after <paramref name="now"/> that every rule allows, or null when it depends on a
        /// call that has not settled yet (ask again shortly).
        /// </summary>
        /// <param name="owner">The asking process's id prefix (<see cref="OwnerMask"/>): its own calls count from its own
        /// arrival estimate, as its in-process limiter counts them, so one process alone runs as fast as without the ledger.</param>
        public long? FreeSlot(IEnumerable<RateRule> rules, string endpoint, long now, double utilisation, long owner = -1)
        {
            var slot = Math.Max(now, PausedUntil);
            foreach (var rule in rules)
            {
                var key = KeyOf(rule, endpoint);
                if (key == null || !_calls.TryGetValue(key, out var calls) || calls.Count == 0) continue;
                var (interval, permits, window) = RequestThrottle.Timing(rule, utilisation);
                slot = Math.Max(slot, calls[calls.Count - 1].Slot + interval.Ticks);
                if (calls.Count < permits) continue;
                var oldest = calls[calls.Count - permits];
                long arrival;
                if (oldest.Arrival != Unsettled) arrival = (oldest.Id & OwnerMask) == owner && oldest.Estimate != 0 ? oldest.Estimate : oldest.Arrival;
                else if (now - oldest.Slot > StaleAfter.Ticks) arrival = oldest.Slot + StaleAfter.Ticks;
                else return null;
                slot = Math.Max(slot, arrival + window.Ticks);
            }
            return slot;
        }

        /// <summary>Records a call at <paramref name="slot"/> under every rule that counts it; <paramref name="id"/> settles it later.</summary>
        public void Record(IEnumerable<RateRule> rules, string endpoint, long slot, long id)
        {
            foreach (var rule in rules)
            {
                var key = KeyOf(rule, endpoint);
                if (key == null) continue;
                if (!_calls.TryGetValue(key, out var calls)) _calls[key] = calls = new List<Entry>();
                var inOrder = calls.Count == 0 || calls[calls.Count - 1].Slot <= slot;
                calls.Add(new Entry { Id = id, Slot = slot });
                if (!inOrder) calls.Sort((a, b) => a.Slot.CompareTo(b.Slot)); // slots mostly come in order: a block's are
                if (calls.Count > rule.Permits) calls.RemoveRange(0, calls.Count - rule.Permits);
            }
        }

        /// <summary>The call <paramref name="id"/> reached the server at the latest at <paramref name="arrival"/>; the first report counts.</summary>
        public bool Settle(long id, long arrival, long estimate = 0)
        {
            var found = false;
            foreach (var calls in _calls.Values)
                foreach (var e in calls)
                    if (e.Id == id && e.Arrival == Unsettled)
                    {
                        e.Arrival = Math.Max(Math.Max(arrival, e.Slot), 1);
                        e.Estimate = estimate == 0 ? 0 : Math.Min(e.Arrival, Math.Max(estimate, e.Slot));
                        found = true;
                    }
            return found;
        }

        /// <summary>Holds every call of the account until <paramref name="until"/>.</summary>
        public void PauseUntil(long until)
        {
            if (until > PausedUntil) PausedUntil = until;
        }

        /// <summary>Forgets calls that no rule can still count at <paramref name="now"/>, so the file stays small.</summary>
        public void Prune(long now, TimeSpan longestWindow)
        {
            var horizon = now - 2 * Math.Max(longestWindow.Ticks, StaleAfter.Ticks);
            foreach (var key in _calls.Keys.ToList())
            {
                var calls = _calls[key];
                if (calls.Count == 0 || calls[calls.Count - 1].Slot < horizon && calls.All(c => c.Arrival != Unsettled || c.Slot < horizon)) _calls.Remove(key);
            }
        }

        /// <summary>Plain lines: "pause TICKS" and "call KEY ID SLOT ARRIVAL ESTIMATE" (the key URL-escaped). No secret: keys are rule names and endpoints.</summary>
        public string Serialize()
        {
            var b = new StringBuilder("ledger 1\n");
            if (PausedUntil != 0) b.Append("pause ").Append(PausedUntil.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var pair in _calls)
                foreach (var e in pair.Value)
                    b.Append("call ").Append(Uri.EscapeDataString(pair.Key)).Append(' ').Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append(' ')
                        .Append(e.Slot.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(e.Arrival.ToString(CultureInfo.InvariantCulture)).Append(' ')
                        .Append(e.Estimate.ToString(CultureInfo.InvariantCulture)).Append('\n');
            return b.ToString();
        }

        /// <summary>The ledger in <paramref name="text"/>; lines it does not understand (a torn or foreign file) are skipped, which only forgets history.</summary>
        public static BudgetLedger Parse(string text)
        {
            var ledger = new BudgetLedger();
            foreach (var line in (text ?? "").Split('\n'))
            {
                var parts = line.Trim().Split(' ');
                if (parts.Length == 2 && parts[0] == "pause" && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pause)) ledger.PausedUntil = pause;
                else if ((parts.Length == 5 || parts.Length == 6) && parts[0] == "call"
                    && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                    && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var slot)
                    && long.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var arrival))
                {
                    var key = Uri.UnescapeDataString(parts[1]);
                    if (!ledger._calls.TryGetValue(key, out var calls)) ledger._calls[key] = calls = new List<Entry>();
                    long estimate = 0;
                    if (parts.Length == 6) long.TryParse(parts[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out estimate);
                    calls.Add(new Entry { Id = id, Slot = slot, Arrival = arrival, Estimate = estimate });
                }
            }
            foreach (var calls in ledger._calls.Values) calls.Sort((a, b) => a.Slot.CompareTo(b.Slot));
            return ledger;
        }
    }
}
