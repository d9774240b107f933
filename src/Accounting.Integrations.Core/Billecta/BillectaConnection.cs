using System;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>A connection to Billecta with an Authorization header value (Basic or SecureToken). Prints no secret.</summary>
    public sealed class BillectaConnection : IDisposable
    {
        public static Uri DefaultBaseUri(BillectaEnvironment environment) => environment == BillectaEnvironment.Test
            ? new Uri("https://apitest.billecta.com/v1/") : new Uri("https://api.billecta.com/v1/");

        public BillectaConnection(BillectaEnvironment environment, Secret authorization, Uri productionUri = null, Uri testUri = null, TransportOptions options = null)
        {
            Environment = environment;
            ProductionUri = productionUri ?? DefaultBaseUri(BillectaEnvironment.Production);
            TestUri = testUri ?? DefaultBaseUri(BillectaEnvironment.Test);
            Authorization = authorization ?? throw new ArgumentNullException(nameof(authorization));
            var check = BillectaAuthorization.Check(authorization.Reveal());
            if (!check.Valid) throw new ArgumentException("The Authorization value is not valid: " + string.Join(" ", check.Problems), nameof(authorization));
            Scheme = check.Scheme;
            Options = options;
            Client = new BillectaClient(this, BaseUri, options);
        }

        public string Service => "Billecta";
        public BillectaEnvironment Environment { get; }
        public Uri BaseUri => Environment == BillectaEnvironment.Test ? TestUri : ProductionUri;
        public Uri ProductionUri { get; }
        public Uri TestUri { get; }
        /// <summary>Basic or SecureToken.</summary>
        public string Scheme { get; }
        internal Secret Authorization { get; }
        internal TransportOptions Options { get; }
        public BillectaClient Client { get; }

        public override string ToString() => $"Billecta {Environment} ({Scheme}) at {BaseUri}";

        public void Dispose() => Client.Dispose();
    }
}
