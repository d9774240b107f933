using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Connections
{
    /// <summary>The session's connections described without secrets or internals, one place for both cmdlets.</summary>
    internal static class ConnectionCatalogue
    {
        public static readonly string[] Services = { "Billbee", "Tripletex", "IFirma", "Billecta", "Lime" };

        public static string ServiceOf(object connection)
        {
            switch (connection)
            {
                case BillbeeConnection _: return "Billbee";
                case TripletexConnection _: return "Tripletex";
                case IFirmaConnection _: return "IFirma";
                case BillectaConnection _: return "Billecta";
                case LimeConnection _: return "Lime";
                default: return null;
            }
        }

        /// <summary>This runspace's default connections, in the order of <see cref="Services"/>.</summary>
        public static IEnumerable<object> Current() =>
            SessionConnections.All().Where(c => ServiceOf(c) != null).OrderBy(c => Array.IndexOf(Services, ServiceOf(c)));

        public static IntegrationConnectionInfo Describe(object connection)
        {
            var info = new IntegrationConnectionInfo { Service = ServiceOf(connection) };
            LimiterState limiter = null;
            switch (connection)
            {
                case BillbeeConnection b:
                    info.Account = b.Username; info.Environment = "Production"; info.BaseUrl = b.BaseUri.AbsoluteUri;
                    info.Authentication = b.HasApiKey ? "Basic + API key" : "Basic, no API key";
                    limiter = b.Client.Limiter;
                    break;
                case TripletexConnection t:
                    var session = t.CurrentSession;
                    info.Account = session?.CompanyName != null ? $"{session.CompanyName} ({session.EmployeeName})" : "company " + t.CompanyId;
                    info.Environment = t.Environment.ToString(); info.BaseUrl = t.BaseUri.AbsoluteUri; info.Authentication = "session";
                    info.SessionId = session?.Id; info.SessionExpiresAt = session?.ExpiresAt;
                    limiter = t.Client.Limiter;
                    break;
                case IFirmaConnection f:
                    info.Account = f.Login; info.Environment = "Production"; info.BaseUrl = f.BaseUri.AbsoluteUri;
                    info.Authentication = "signed (" + string.Join(", ", f.KeyNames) + ")";
                    limiter = f.Client.Limiter;
                    break;
                case BillectaConnection c:
                    info.Account = c.LoginName; info.Environment = c.Environment.ToString(); info.BaseUrl = c.BaseUri.AbsoluteUri;
                    info.Authentication = c.Scheme; info.SessionExpiresAt = c.SecureTokenExpires;
                    limiter = c.Client.Limiter;
                    break;
                case LimeConnection l:
                    info.Account = LimeApplication(l.BaseUri); info.Environment = "Production"; info.BaseUrl = l.BaseUri.AbsoluteUri;
                    info.Authentication = "API key";
                    limiter = l.Client.Limiter;
                    break;
            }
            if (limiter != null)
            {
                info.RateLimited = limiter.Paced; info.CallsSent = limiter.CallsSent;
                info.CallsPerSecond = limiter.AccountCallsPerSecond; info.RateLimits = limiter.Limits;
            }
            return info;
        }

        /// <summary>"fjordvik at host" from https://host/fjordvik/api/v1/: the application the API key belongs to.</summary>
        static string LimeApplication(Uri baseUri)
        {
            var segments = baseUri.AbsolutePath.Trim('/').Split('/');
            var api = Array.LastIndexOf(segments, "api");
            return (api > 0 ? segments[api - 1] + " at " : "") + baseUri.Host;
        }
    }
}
