using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// What every service's connection offers the shared cmdlets, implemented once in the service's own folder:
    /// any call through its transport (Invoke-&lt;Service&gt;Request), a description without secrets
    /// (Get-IntegrationConnection) and its ending (Disconnect-Integration), so those cmdlets name no service.
    /// </summary>
    public interface IServiceConnection
    {
        string Service { get; }
        Uri BaseUri { get; }
        /// <summary>Any call through the connection's transport; the body parsed (<see cref="JsonTree"/>).</summary>
        Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken);
        /// <summary>A GET that follows the service's paging, every page's items streamed as they arrive.</summary>
        IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken);
        /// <summary>What the connection is, as plain values: never a secret, never the client.</summary>
        ConnectionDescription Describe();
        /// <summary>What ending the connection does at the service, in words for -WhatIf; null when it does nothing there.</summary>
        string EndAction { get; }
        /// <summary>Ends what the connection holds at the service (a session); nothing for a service that keeps none.</summary>
        Task EndAsync(CancellationToken cancellationToken);
    }

    /// <summary>A connection described by its service: account, environment, authentication, session and limiter.</summary>
    public sealed class ConnectionDescription
    {
        public string Account { get; set; }
        public string Environment { get; set; } = "Production";
        public string Authentication { get; set; }
        public int? SessionId { get; set; }
        public DateTimeOffset? SessionExpiresAt { get; set; }
        public LimiterState Limiter { get; set; }
    }
}
