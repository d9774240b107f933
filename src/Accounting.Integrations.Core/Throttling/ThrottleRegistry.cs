using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// One <see cref="RequestThrottle"/> per service account in the process, so that two connections (or
    /// two runspaces) using the same credentials share the service's budget instead of doubling it.
    /// Accounts are keyed by a hash of their identity, never by a secret in clear.
    /// </summary>
    public static class ThrottleRegistry
    {
        static readonly ConcurrentDictionary<string, RequestThrottle> Throttles = new ConcurrentDictionary<string, RequestThrottle>(StringComparer.Ordinal);

        public static RequestThrottle For(string service, string accountIdentity, Func<IEnumerable<RateRule>> rules,
            double utilisation = RequestThrottle.DefaultUtilisation, RequestThrottle parent = null)
        {
            var key = service + ":" + Hash(accountIdentity) + ":" + utilisation.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Throttles.GetOrAdd(key, _ => new RequestThrottle(rules(), utilisation, parent));
        }

        static string Hash(string text)
        {
            using (var sha = SHA256.Create())
            {
                var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text ?? ""));
                var sb = new StringBuilder();
                for (var i = 0; i < 12; i++) sb.Append(bytes[i].ToString("x2"));
                return sb.ToString();
            }
        }
    }
}
