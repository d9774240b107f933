using System.Collections.Generic;
using System;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>A connection to Billecta with an Authorization header value (Basic or SecureToken). Prints no secret.</summary>
    public sealed class BillectaConnection : IDisposable, IServiceConnection
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
            _authorization = authorization ?? throw new ArgumentNullException(nameof(authorization));
            var check = BillectaAuthorization.Check(authorization.Reveal());
            if (!check.Valid) throw new ArgumentException("The Authorization value is not valid: " + string.Join(" ", check.Problems), nameof(authorization));
            Scheme = check.Scheme;
            Options = options;
            Client = new BillectaClient(this, BaseUri, options);
        }

        public string Service => "Billecta";
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal BillectaEnvironment Environment { get; }
        public Uri BaseUri { get; }
        /// <summary>
        /// Where Test-BillectaConnection may try the same login after a refusal, to tell a login of the other environment
        /// apart from a wrong one; null when the user named a base URL for this environment but none for the other.
        /// </summary>
        public Uri OtherEnvironmentUri { get; }
        /// <summary>Basic or SecureToken.</summary>
        public string Scheme { get; private set; }
        internal Secret Authorization => _authorization;
        /// <summary>When the SecureToken in use expires (its Expires), if the connection made it and can make the next.</summary>
        public DateTimeOffset? SecureTokenExpires { get; private set; }
        /// <summary>A SecureToken the connection made is replaced this long before its Expires.</summary>
        internal TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>The Basic value a SecureToken is made from, kept to make the next one; null when the token was given.</summary>
        internal Secret RenewalCredential { get; private set; }

        volatile Secret _authorization;
        long _clockOffsetTicks;

        /// <summary>Shifts this connection's clock, for rehearsing token expiry against the sandbox; leave it at zero otherwise.</summary>
        internal TimeSpan ClockOffset
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
            set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
        }

        internal DateTimeOffset UtcNow => DateTimeOffset.UtcNow + ClockOffset;

        /// <summary>
        /// Exchanges the connection's Basic value for a SecureToken and uses the token from now on. The Basic value is
        /// kept (in memory, as a secret) so that the token is replaced before its Expires and once after a 401.
        /// </summary>
        public async Task UseSecureTokenAsync(CancellationToken cancellationToken)
        {
            if (Scheme != "Basic") throw new InvalidOperationException("A SecureToken is made from a Basic (username and password) connection.");
            var basic = _authorization;
            var (token, expires) = await Client.ExchangeAsync(cancellationToken).ConfigureAwait(false);
            Switch(basic, token, expires);
        }

        internal void Switch(Secret basic, Secret token, DateTimeOffset? expires)
        {
            RenewalCredential = basic;
            SecureTokenExpires = expires;
            _authorization = token;
            Scheme = "SecureToken";
        }
        /// <summary>The user name of the Basic login the connection was made with (also once it uses a SecureToken made from it); null for a SecureToken given as such.</summary>
        public string LoginName
        {
            get
            {
                var basic = (RenewalCredential ?? _authorization).Reveal();
                if (!basic.StartsWith("Basic ", StringComparison.Ordinal)) return null;
                try
                {
                    var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(basic.Substring(6).Trim()));
                    var colon = decoded.IndexOf(':');
                    return colon < 0 ? null : decoded.Substring(0, colon);
                }
                catch (FormatException) { return null; }
            }
        }
        internal TransportOptions Options { get; }
        internal BillectaClient Client { get; }

        public override string ToString() => $"Billecta {Environment} ({Scheme}) at {BaseUri}";

        public Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawAsync(request, cancellationToken);
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawPagedAsync(request, cancellationToken);
        public ConnectionDescription Describe() => new ConnectionDescription { Account = LoginName, Environment = Environment.ToString(), Authentication = Scheme, SessionExpiresAt = SecureTokenExpires, Limiter = Client.Limiter };
        public string EndAction => null;
        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Client.Dispose();
    }
}
