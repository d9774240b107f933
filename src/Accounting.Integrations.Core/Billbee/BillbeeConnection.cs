using System.Threading.Tasks;
using System.Threading;
using System.Collections.Generic;
using System;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>
    /// A connection to one Billbee account: username, API password and the developer API key. The
    /// object prints no secret; it owns the <see cref="BillbeeClient"/> that makes the calls.
    /// </summary>
    public sealed class BillbeeConnection : IDisposable, IServiceConnection
    {
        /// <summary>Base URL named by Billbee's current Swagger (billbee.md §1).</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.billbee.io/api/v1/");

        public BillbeeConnection(Uri baseUri, string username, Secret apiPassword, Secret apiKey, TransportOptions options = null, bool throttle = true)
        {
            if (string.IsNullOrWhiteSpace(username)) throw new ArgumentException("A Billbee username is required.", nameof(username));
            BaseUri = baseUri ?? DefaultBaseUri;
            Username = username;
            ApiPassword = apiPassword ?? throw new ArgumentNullException(nameof(apiPassword));
            ApiKey = apiKey; // may be missing: Test-BillbeeConnection then says so instead of failing to connect
            Client = new BillbeeClient(this, options, throttle);
        }

        public string Service => "Billbee";
        public Uri BaseUri { get; }
        public string Username { get; }
        internal Secret ApiPassword { get; }
        internal Secret ApiKey { get; }
        public bool HasApiKey => ApiKey != null && !ApiKey.IsEmpty;
        internal BillbeeClient Client { get; }
        public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.Now;

        public override string ToString() => $"Billbee {Username} at {BaseUri}";

        public Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawAsync(request, cancellationToken);
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawPagedAsync(request, cancellationToken);
        public ConnectionDescription Describe() => new ConnectionDescription { Account = Username, Authentication = HasApiKey ? "Basic + API key" : "Basic, no API key", Limiter = Client.Limiter };
        public string EndAction => null;
        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Client.Dispose();
    }
}
