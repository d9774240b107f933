using System;
using System.Linq;
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// What a connection's limiter is doing, as plain numbers and words (Get-IntegrationConnection): nothing of the
    /// limiter itself, so a serialised connection shows no internals.
    /// </summary>
    public sealed class LimiterState
    {
        /// <summary>False when -NoRateLimit turned the client's pacing off for the account.</summary>
        public bool Paced { get; private set; }
        /// <summary>Calls the account's limiter has let through in this process (every connection of the account).</summary>
        public long CallsSent { get; private set; }
        /// <summary>The account-wide pace, in calls per second after the safety margin; null when no account-wide limit is documented.</summary>
        public double? AccountCallsPerSecond { get; private set; }
        /// <summary>The documented limits the limiter keeps to, in words.</summary>
        public string Limits { get; private set; }

        public static LimiterState Of(RequestThrottle throttle)
        {
            var rules = (throttle?.Rules ?? new RateRule[0]).Concat(throttle?.Parent?.Rules ?? new RateRule[0]).ToList();
            var account = rules.Where(r => r.Scope == RateScope.Account && r.Endpoint == null).Select(r => (double?)r.PerSecond).Min();
            return new LimiterState
            {
                Paced = throttle?.Paced ?? false,
                CallsSent = throttle?.AcquiredCount ?? 0,
                AccountCallsPerSecond = account.HasValue ? Math.Round(account.Value * (throttle?.Utilisation ?? 1), 3) : (double?)null,
                Limits = rules.Count == 0 ? "none documented; paced by the service's own answers" : string.Join("; ", rules.Select(r => r.Describe())),
            };
        }
    }
}
