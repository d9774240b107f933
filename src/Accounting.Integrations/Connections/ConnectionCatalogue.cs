using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Services;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Connections
{
    /// <summary>The session's connections described without secrets or internals, one place for both cmdlets.</summary>
    internal static class ConnectionCatalogue
    {
        /// <summary>This runspace's default connections, in the registration list's order.</summary>
        public static IEnumerable<IServiceConnection> Current()
        {
            var order = IntegrationServices.Names.ToList();
            return SessionConnections.All().OfType<IServiceConnection>()
                .OrderBy(c => order.FindIndex(n => string.Equals(n, c.Service, StringComparison.OrdinalIgnoreCase)));
        }

        public static bool Matches(IServiceConnection connection, string[] services) =>
            services == null || services.Contains(connection.Service, StringComparer.OrdinalIgnoreCase);

        public static IntegrationConnectionInfo Describe(IServiceConnection connection)
        {
            var d = connection.Describe();
            var limiter = d.Limiter;
            return new IntegrationConnectionInfo
            {
                Service = connection.Service, Account = d.Account, Environment = d.Environment, BaseUrl = connection.BaseUri.AbsoluteUri,
                Authentication = d.Authentication, SessionId = d.SessionId, SessionExpiresAt = d.SessionExpiresAt,
                RateLimited = limiter?.Paced ?? false, CallsSent = limiter?.CallsSent ?? 0, CallsPerSecond = limiter?.AccountCallsPerSecond, RateLimits = limiter?.Limits,
            };
        }
    }
}
