using System;

namespace Accounting.Integrations.Connections
{
    /// <summary>
    /// What one of the session's connections is (Get-IntegrationConnection): the service, the account without any
    /// secret, the environment, the base URL, the limiter as plain numbers and the session's expiry. Plain values
    /// only, so that ConvertTo-Json, Export-Csv and Export-Clixml show exactly these and nothing of the client.
    /// </summary>
    public sealed class IntegrationConnectionInfo
    {
        public string Service { get; set; }
        /// <summary>Who the calls are made as: the user name, login or company, never a secret.</summary>
        public string Account { get; set; }
        public string Environment { get; set; }
        public string BaseUrl { get; set; }
        /// <summary>How the connection authenticates, e.g. "Basic + API key", "session", "API key".</summary>
        public string Authentication { get; set; }
        /// <summary>The session's id, for a service that makes sessions.</summary>
        public int? SessionId { get; set; }
        /// <summary>When the current session or token the connection made expires; null when there is none or it does not expire.</summary>
        public DateTimeOffset? SessionExpiresAt { get; set; }
        /// <summary>False when -NoRateLimit turned the client's pacing off.</summary>
        public bool RateLimited { get; set; }
        /// <summary>Calls the account's limiter let through in this process.</summary>
        public long CallsSent { get; set; }
        /// <summary>The account-wide pace in calls per second; null when none is documented.</summary>
        public double? CallsPerSecond { get; set; }
        /// <summary>The documented limits the limiter keeps to, in words.</summary>
        public string RateLimits { get; set; }

        public override string ToString() => $"{Service} {Account} at {BaseUrl}";
    }
}
