using System;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>Whether a documented limit counts all of an account's calls or each endpoint separately.</summary>
    public enum RateScope
    {
        Account,
        Endpoint,
    }

    /// <summary>A documented limit: <see cref="Permits"/> calls per <see cref="Window"/>.</summary>
    public sealed class RateRule
    {
        public RateRule(string name, int permits, TimeSpan window, RateScope scope = RateScope.Account)
        {
            if (permits <= 0) throw new ArgumentOutOfRangeException(nameof(permits), "A rate rule needs at least one permit.");
            if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), "A rate rule needs a positive window.");
            Name = name;
            Permits = permits;
            Window = window;
            Scope = scope;
        }

        public string Name { get; }
        public int Permits { get; }
        public TimeSpan Window { get; }
        public RateScope Scope { get; }

        public double PerSecond => Permits / Window.TotalSeconds;

        public override string ToString() => $"{Name}: {Permits} per {Window.TotalSeconds:0.###} s ({Scope})";
    }
}
