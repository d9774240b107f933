using System.Threading.Tasks;
using System.Threading;
using System.Collections.Generic;
using System;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>A connection to one Lime CRM application's REST API (…/{application}/api/v1/) with an API user's key.</summary>
    public sealed class LimeConnection : IDisposable, IServiceConnection
    {
        public LimeConnection(Uri baseUri, Secret apiKey, int requestsPerFiveMinutes = 3000, TransportOptions options = null)
        {
            BaseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            if (requestsPerFiveMinutes < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerFiveMinutes));
            RequestsPerFiveMinutes = requestsPerFiveMinutes;
            Client = new LimeClient(this, options);
        }

        public string Service => "Lime";
        public Uri BaseUri { get; }
        /// <summary>Lime Cloud allows 3000 requests per 5 minutes (lime.md §1); on-premise servers set their own.</summary>
        public int RequestsPerFiveMinutes { get; }
        internal Secret ApiKey { get; }
        internal LimeClient Client { get; }

        public override string ToString() => $"Lime at {BaseUri}";

        public Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawAsync(request, cancellationToken);
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawPagedAsync(request, cancellationToken);
        public ConnectionDescription Describe() => new ConnectionDescription { Account = Application + " at " + BaseUri.Host, Authentication = "API key", Limiter = Client.Limiter };
        public string EndAction => null;
        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>The application the key belongs to: "fjordvik" of https://host/fjordvik/api/v1/.</summary>
        public string Application
        {
            get
            {
                var segments = BaseUri.AbsolutePath.Trim('/').Split('/');
                var api = Array.LastIndexOf(segments, "api");
                return api > 0 ? segments[api - 1] : BaseUri.Host;
            }
        }

        public void Dispose() => Client.Dispose();
    }
}
