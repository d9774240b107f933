using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>Checks shared by every Connect-* cmdlet: the base URL and the transport settings.</summary>
    internal static class ConnectionParameters
    {
        /// <summary>HTTPS only, except plain HTTP to a loopback sandbox: credentials never cross a network in clear.</summary>
        public static string ProblemWithBaseUrl(Uri url, string service)
        {
            if (url == null) return null;
            if (!url.IsAbsoluteUri) return $"-BaseUrl must be an absolute URL such as https://…; '{url}' is relative.";
            if (url.Scheme == Uri.UriSchemeHttps) return null;
            if (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) return null;
            return $"-BaseUrl must use https:// ({service} serves HTTPS only); plain http:// is accepted only for a local sandbox on 127.0.0.1.";
        }

        public static TransportOptions Transport(int timeoutSec, int maxAttempts, Uri proxy) => new TransportOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(timeoutSec),
            MaxAttempts = maxAttempts,
            Proxy = proxy,
        };
    }
}
