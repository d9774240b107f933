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

        /// <param name="productionUri">The production base URL the user named; null when none was named.</param>
        /// <param name="testUri">The test base URL the user named; null when none was named.</param>
        public BillectaConnection(BillectaEnvironment environment, Secret authorization, Uri productionUri = null, Uri testUri = null, TransportOptions options = null)
        {
            Environment = environment;
            var named = environment == BillectaEnvironment.Test ? testUri : productionUri;
            var otherNamed = environment == BillectaEnvironment.Test ? productionUri : testUri;
            var other = environment == BillectaEnvironment.Test ? BillectaEnvironment.Production : BillectaEnvironment.Test;
            BaseUri = CredentialTarget.Require(named ?? DefaultBaseUri(environment), environment == BillectaEnvironment.Test ? nameof(testUri) : nameof(productionUri));
            // The fallback check sends the same login to the other environment, so it may only go where the user sent
            // it: a URL they named, or, when they named no URL at all, Billecta's own documented other host. A profile
            // or -BaseUrl that points at a sandbox never makes the module try apitest.billecta.com behind the user's back.
            if (otherNamed != null) OtherEnvironmentUri = CredentialTarget.Require(otherNamed, environment == BillectaEnvironment.Test ? nameof(productionUri) : nameof(testUri));
            else if (named == null) OtherEnvironmentUri = DefaultBaseUri(other);
            Authorization = authorization ?? throw new ArgumentNullException(nameof(authorization));
            var check = BillectaAuthorization.Check(authorization.Reveal());
            if (!check.Valid) throw new ArgumentException("The Authorization value is not valid: " + string.Join(" ", check.Problems), nameof(authorization));
            Scheme = check.Scheme;
            Options = options;
            Client = new BillectaClient(this, BaseUri, options);
        }

        public string Service => "Billecta";
        public BillectaEnvironment Environment { get; }
        public Uri BaseUri { get; }
        /// <summary>
        /// Where Test-BillectaConnection may try the same login after a refusal, to tell a login of the other environment
        /// apart from a wrong one; null when the user named a base URL for this environment but none for the other.
        /// </summary>
        public Uri OtherEnvironmentUri { get; }
        /// <summary>Basic or SecureToken.</summary>
        public string Scheme { get; }
        internal Secret Authorization { get; }
        internal TransportOptions Options { get; }
        public BillectaClient Client { get; }

        public override string ToString() => $"Billecta {Environment} ({Scheme}) at {BaseUri}";

        public void Dispose() => Client.Dispose();
    }
}
