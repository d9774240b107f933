using System;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>Whether a documented limit counts all of an account's calls, each endpoint separately, or each resource of one endpoint (e.g. per order).</summary>
    public enum RateScope
    {
        Account,
        Endpoint,
        Resource,
    }

    /// <summary>A documented limit: <see cref="Permits"/> calls per <see cref="Window"/>.</summary>
    public sealed class RateRule
    {
        public RateRule(string name, int permits, TimeSpan window, RateScope scope = RateScope.Account, string endpoint = null, bool burst = false)
        {
            if (permits <= 0) throw new ArgumentOutOfRangeException(nameof(permits), "A rate rule needs at least one permit.");
            if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), "A rate rule needs a positive window.");
            if (scope == RateScope.Resource && string.IsNullOrEmpty(endpoint))
                throw new ArgumentException("A per-resource rule names the endpoint it applies to.", nameof(endpoint));
            Name = name;
            Permits = permits;
            Window = window;
            Scope = scope;
            Endpoint = endpoint;
            Burst = burst;
        }

        public string Name { get; }
        public int Permits { get; }
        public TimeSpan Window { get; }
        public RateScope Scope { get; }
        /// <summary>The one endpoint (e.g. "GET orders/{id}") the rule applies to; null for every endpoint.</summary>
        public string Endpoint { get; }
        /// <summary>
        /// Met by its window alone: up to <see cref="Permits"/> calls back to back, then a wait for the window. For
        /// small per-resource limits (6 a minute per order), where even spacing would make a second read wait 10 s.
        /// </summary>
        public bool Burst { get; }

        public double PerSecond => Permits / Window.TotalSeconds;

        public bool AppliesTo(string endpoint) => Endpoint == null || string.Equals(Endpoint, endpoint, StringComparison.Ordinal);

        /// <summary>Same limit, same scope: a reconnect that brings this rule changes nothing.</summary>
        public bool SameAs(RateRule other) =>
            other != null && Name == other.Name && Permits == other.Permits && Window == other.Window && Scope == other.Scope &&
            Endpoint == other.Endpoint && Burst == other.Burst;

        /// <summary>In words for an error message, e.g. "6 calls per minute per order on GET orders/{id}".</summary>
        public string Describe()
        {
            var per = Window == TimeSpan.FromSeconds(1) ? "/s" : Window == TimeSpan.FromMinutes(1) ? " per minute"
                : Window.TotalMinutes >= 1 && Window.TotalMinutes % 1 == 0 ? $" per {Window.TotalMinutes:0} minutes" : $" per {Window.TotalSeconds:0.###} s";
            var what = Name != null && Name.StartsWith("per-", StringComparison.Ordinal) ? " " + Name.Replace('-', ' ') : "";
            return $"{Permits} calls{per}{what}" + (Endpoint == null ? "" : " on " + Endpoint);
        }

        public override string ToString() => $"{Name}: {Permits} per {Window.TotalSeconds:0.###} s ({Scope}{(Endpoint == null ? "" : " " + Endpoint)}{(Burst ? ", burst" : "")})";
    }
}
