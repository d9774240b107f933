using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// One <see cref="RequestThrottle"/> per service account in the process, so that two connections (or
    /// two runspaces) using the same credentials share the service's budget instead of doubling it. An
    /// account is its service, base URL and credential identity; the identity is kept only as a hash, never
    /// in clear. The throttle follows the newest connection: a reconnect with another rate (or with pacing
    /// off or on again) re-rules it at once for every connection of the account. Across processes, each account's
    /// throttle also draws from its <see cref="MachineBudget"/>, a ledger file named by a hash of the key.
    /// </summary>
    public static class ThrottleRegistry
    {
        static readonly ConditionalWeakTable<TimeProvider, StrongBox<long>> ClockIds = new ConditionalWeakTable<TimeProvider, StrongBox<long>>();
        static long _lastClockId;
        static readonly ConcurrentDictionary<string, RequestThrottle> Throttles = new ConcurrentDictionary<string, RequestThrottle>(StringComparer.Ordinal);

        public static RequestThrottle For(string service, Uri baseUri, string accountIdentity, IEnumerable<RateRule> rules,
            bool paced = true, RequestThrottle parent = null, TimeProvider clock = null)
        {
            var key = AccountKey(service, baseUri, accountIdentity, clock);
            RequestThrottle made = null;
            var throttle = Throttles.GetOrAdd(key, _ => made = new RequestThrottle(rules, parent: parent, clock: clock, paced: paced)
            {
                // The real clock is the machine's: the account's other processes share its budget. A test's virtual clock is its own.
                Machine = (clock == null || ReferenceEquals(clock, TimeProvider.System)) && MachineBudget.Enabled ? MachineBudget.ForAccount(key) : null,
            });
            if (!ReferenceEquals(throttle, made)) throttle.Reconfigure(rules, paced);
            return throttle;
        }

        /// <summary>
        /// "service|base URL|hash of the identity". A test's fake clock makes an account of its own, so that virtual
        /// time never mixes with the real clock of the same account.
        /// </summary>
        internal static string AccountKey(string service, Uri baseUri, string accountIdentity, TimeProvider clock)
        {
            var url = baseUri == null ? "" : baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();
            var key = service + "|" + url + "|" + Hash(accountIdentity);
            return clock == null || ReferenceEquals(clock, TimeProvider.System) ? key : key + "|clock:" + ClockIds.GetValue(clock, _ => new StrongBox<long>(Interlocked.Increment(ref _lastClockId))).Value;
        }

        static string Hash(string text)
        {
            using (var sha = SHA256.Create())
            {
                var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text ?? ""));
                var sb = new StringBuilder();
                for (var i = 0; i < 16; i++) sb.Append(bytes[i].ToString("x2"));
                return sb.ToString();
            }
        }
    }
}
