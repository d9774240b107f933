using System.Threading.Tasks;
using System.Threading;
using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>A connection to one iFirma account: the login and any subset of the four area keys.</summary>
    public sealed class IFirmaConnection : IDisposable, IServiceConnection
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://www.ifirma.pl/iapi/");
        readonly Dictionary<string, Secret> _keys;

        public IFirmaConnection(string login, IDictionary<string, Secret> keys, Uri baseUri = null, TransportOptions options = null)
        {
            if (string.IsNullOrWhiteSpace(login)) throw new ArgumentException("An iFirma login is required.", nameof(login));
            Login = login;
            BaseUri = baseUri ?? DefaultBaseUri;
            _keys = new Dictionary<string, Secret>(StringComparer.Ordinal);
            foreach (var k in keys ?? new Dictionary<string, Secret>())
            {
                if (!IFirmaKeys.All.Contains(k.Key)) throw new ArgumentException($"'{k.Key}' is not an iFirma key name; use faktura, rachunek, abonent or wydatek.", nameof(keys));
                if (k.Value == null || k.Value.IsEmpty) continue;
                IFirmaSigner.DecodeKey(k.Value.Reveal()); // fails now, with the reason, rather than at the first call
                _keys[k.Key] = k.Value;
            }
            Client = new IFirmaClient(this, options);
        }

        public string Service => "IFirma";
        public string Login { get; }
        public Uri BaseUri { get; }
        /// <summary>The areas this connection holds a key for.</summary>
        public Output.TextList KeyNames => IFirmaKeys.All.Where(_keys.ContainsKey).ToArray();
        internal IFirmaClient Client { get; }

        internal bool TryGetKey(string name, out Secret key) => _keys.TryGetValue(name, out key);

        public override string ToString() => $"iFirma {Login} ({string.Join(", ", KeyNames)})";

        public Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawAsync(request, cancellationToken);
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawPagedAsync(request, cancellationToken);
        public ConnectionDescription Describe() => new ConnectionDescription { Account = Login, Authentication = "signed (" + string.Join(", ", KeyNames) + ")", Limiter = Client.Limiter };
        public string EndAction => null;
        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Client.Dispose();
    }
}
