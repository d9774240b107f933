using System.Threading.Tasks;
using System.Collections.Generic;
using System;
using System.Threading;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// A connection to one Tripletex company: the consumer and employee tokens, the environment, and the
    /// session the <see cref="TripletexClient"/> keeps alive. The object prints no secret.
    /// </summary>
    public sealed class TripletexConnection : IDisposable, IServiceConnection
    {
        long _clockOffsetTicks;
        readonly TimeProvider _clock;

        public TripletexConnection(TripletexEnvironment environment, Secret consumerToken, Secret employeeToken, Uri baseUri = null,
            string companyId = "0", int sessionDays = 2, TransportOptions options = null)
        {
            if (sessionDays < 1 || sessionDays > 365) throw new ArgumentOutOfRangeException(nameof(sessionDays), "A session lasts 1 to 365 days.");
            Environment = environment;
            BaseUri = baseUri ?? TripletexEnvironments.BaseUri(environment);
            ConsumerToken = consumerToken ?? throw new ArgumentNullException(nameof(consumerToken));
            EmployeeToken = employeeToken ?? throw new ArgumentNullException(nameof(employeeToken));
            CompanyId = string.IsNullOrEmpty(companyId) ? "0" : companyId;
            SessionDays = sessionDays;
            _clock = options?.Clock ?? TimeProvider.System;
            Client = new TripletexClient(this, options);
        }

        public string Service => "Tripletex";
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal TripletexEnvironment Environment { get; }
        public Uri BaseUri { get; }
        /// <summary>The Basic-auth user name: "0" for the token owner's company, or an accountant's client company id.</summary>
        public string CompanyId { get; }
        /// <summary>Sessions are requested to expire this many days after today (Oslo).</summary>
        public int SessionDays { get; }
        /// <summary>A session is renewed before a call once it is this close to its expiry.</summary>
        internal TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(1);
        internal Secret ConsumerToken { get; }
        internal Secret EmployeeToken { get; }
        // Internal, as in every connection: the client holds the transport, limiter and auth, which no export may show.
        internal TripletexClient Client { get; }
        public TripletexSession CurrentSession => Client.CurrentSession;

        /// <summary>
        /// Shifts this connection's clock. For rehearsing session expiry against the sandbox, whose clock moves
        /// with POST /_sandbox/clock/{seconds}; leave it at zero against the real service.
        /// </summary>
        internal TimeSpan ClockOffset
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
            set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
        }

        internal DateTimeOffset UtcNow => _clock.GetUtcNow() + ClockOffset;

        public override string ToString() => $"Tripletex {Environment} at {BaseUri}";

        public Task<object> SendRawAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawAsync(request, cancellationToken);
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest request, CancellationToken cancellationToken) => Client.SendRawPagedAsync(request, cancellationToken);
        public ConnectionDescription Describe() => new ConnectionDescription
        {
            Account = CurrentSession?.CompanyName != null ? $"{CurrentSession.CompanyName} ({CurrentSession.EmployeeName})" : "company " + CompanyId,
            Environment = Environment.ToString(), Authentication = "session", SessionId = CurrentSession?.Id, SessionExpiresAt = CurrentSession?.ExpiresAt, Limiter = Client.Limiter,
        };
        public string EndAction => CurrentSession == null ? null : $"Delete session {CurrentSession.Id} at Tripletex";
        public Task EndAsync(CancellationToken cancellationToken) => CurrentSession == null ? Task.CompletedTask : Client.DeleteSessionAsync(cancellationToken);

        public void Dispose() => Client.Dispose();
    }
}
