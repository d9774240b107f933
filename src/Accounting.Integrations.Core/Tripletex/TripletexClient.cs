using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;
using Accounting.Integrations.Core.Paging;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// Tripletex API v2: sessions made from the consumer and employee tokens and renewed before they die,
    /// Basic auth with the session token, value/values envelopes with from/count paging, and the
    /// X-Rate-Limit headers fed into the client-side limiter.
    /// </summary>
    public sealed partial class TripletexClient : IDisposable
    {
        const string Service = TripletexErrorInterpreter.Service;
        const string CreatePath = "token/session/:create";
        /// <summary>Tripletex's default and largest page (tripletex.md §3.2).</summary>
        public const int PageSize = 1000;

        readonly TripletexConnection _connection;
        readonly ApiTransport _transport;
        readonly SemaphoreSlim _sessionGate = new SemaphoreSlim(1, 1);
        readonly RequestThrottle _throttle;
        TripletexSession _session;
        Secret _sessionToken;
        /// <summary>Which session the call in this async flow authenticated with, so a 401 can be pinned on it.</summary>
        static readonly AsyncLocal<SessionUse> CurrentUse = new AsyncLocal<SessionUse>();

        sealed class SessionUse
        {
            public TripletexSession Session;
        }
        TimeSpan _lastReset = TimeSpan.FromSeconds(60);
        /// <summary>Calls of this client between leaving and answering: a list reads two pages at once.</summary>
        int _inFlight;
        /// <summary>The last X-Rate-Limit-Remaining seen (unknown: as many as wanted); a page is guessed ahead only while it leaves room.</summary>
        int _lastRemaining = int.MaxValue;

        internal TripletexClient(TripletexConnection connection, TransportOptions options)
        {
            _connection = connection;
            // The limit is unpublished; Tripletex announces it per response, so the limiter has no fixed rule,
            // only the pause that X-Rate-Limit-Remaining: 0 sets.
            _throttle = ThrottleRegistry.For(Service, connection.BaseUri, connection.ConsumerToken.Reveal() + "\n" + connection.EmployeeToken.Reveal(),
                Enumerable.Empty<RateRule>(), paced: options?.ClientPacing ?? true, clock: options?.Clock);
            _transport = new ApiTransport(Service, connection.BaseUri, options, _throttle, new TripletexErrorInterpreter(), AuthenticateAsync)
            {
                ResponseObserver = ObserveRateLimit,
            };
        }

        public TripletexSession CurrentSession => _session;

        void ObserveRateLimit(ApiResponse response)
        {
            if (double.TryParse(response.Header("X-Rate-Limit-Reset"), NumberStyles.Float, CultureInfo.InvariantCulture, out var reset))
                _lastReset = TimeSpan.FromSeconds(Math.Max(0, reset));
            var known = int.TryParse(response.Header("X-Rate-Limit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining);
            if (known) Volatile.Write(ref _lastRemaining, remaining);
            // The calls still in flight spend what remains before any new one can: with one other in flight, a
            // remaining 1 is already spoken for, so the next call waits for the period as after a remaining 0.
            var othersInFlight = Math.Max(0, Volatile.Read(ref _inFlight) - 1);
            // 429s may lack X-Rate-Limit-Reset (issue #103): wait for the last reset seen instead.
            // Capped: a period announced as hours long is better met by failing the call with a clear error.
            if (response.StatusCode == 429 || (known && remaining <= othersInFlight))
                _throttle.PauseAll(TimeSpan.FromTicks(Math.Min(_lastReset.Ticks + TimeSpan.TicksPerSecond / 4, _transport.Options.MaxRetryAfter.Ticks)));
        }

        async Task AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (message.RequestUri.AbsolutePath.EndsWith("/" + CreatePath, StringComparison.Ordinal)) return;
            var session = await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
            var token = _sessionToken;
            var use = CurrentUse.Value;
            if (use != null) use.Session = session;
            var basic = SecretRedactor.BasicCredential(_connection.CompanyId, token.Reveal());
            message.Headers.TryAddWithoutValidation("Authorization", "Basic " + basic);
        }

        /// <summary>
        /// Due for renewal once inside the renewal window before its expiry. A session that was born inside that
        /// window (Tripletex gave it a shorter life than asked) is used until it actually dies instead: otherwise
        /// every call would make a new session.
        /// </summary>
        bool NearExpiry(TripletexSession session)
        {
            var renewAt = session.ExpiresAt - _connection.RenewBefore;
            return _connection.UtcNow >= (session.CreatedAt < renewAt ? renewAt : session.ExpiresAt);
        }

        /// <summary>
        /// Sends through the transport; on a 401 for a call made with a session that should be alive (revoked,
        /// a server restart, deleted by another tool: tripletex.md §2.3), forgets that session, makes a new one
        /// and retries the call once. A second 401 with the fresh session is a clear error: the key, not the session, is refused.
        /// </summary>
        async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _inFlight);
            try { return await SendCountedAsync(request, parse, cancellationToken).ConfigureAwait(false); }
            finally { Interlocked.Decrement(ref _inFlight); }
        }

        async Task<T> SendCountedAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        {
            var first = new SessionUse();
            CurrentUse.Value = first;
            try
            {
                return await _transport.SendAsync(request, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceException ex) when (ex.HttpStatus == 401 && first.Session != null)
            {
                await ForgetSessionAsync(first.Session).ConfigureAwait(false);
                CallObserverScope.Warn($"Tripletex refused session {first.Session.Id} before its expiry ({first.Session.ExpiresAt:u}); making a new session and retrying the call once.");
            }
            var second = new SessionUse();
            CurrentUse.Value = second;
            try
            {
                return await _transport.SendAsync(request, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceException ex) when (ex.HttpStatus == 401 && second.Session != null)
            {
                await ForgetSessionAsync(second.Session).ConfigureAwait(false);
                throw new ServiceException(Service, ErrorReason.Authentication,
                    "Tripletex refused a session it had just made (the employee token was revoked, or the company id is wrong)",
                    ex.HttpStatus, ex.ServiceCode, ex.ServiceMessage, ex.RequestId,
                    recommendedAction: "Check -CompanyId (0 for the key's own company); if it is right, create a new employee token. " + TripletexErrorInterpreter.NewKeySteps);
            }
        }

        Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) => SendAsync(request, r => r, cancellationToken);

        /// <summary>Drops the session if it is still the current one (a concurrent call may have replaced it already).</summary>
        async Task ForgetSessionAsync(TripletexSession session)
        {
            await _sessionGate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(_session, session)) return;
                _session = null;
                _sessionToken = null;
            }
            finally { _sessionGate.Release(); }
        }

        /// <summary>The current session, or a new one if there is none or it is close to its expiry: renewed before a call, never after a failure.</summary>
        public async Task<TripletexSession> EnsureSessionAsync(CancellationToken cancellationToken)
        {
            var session = _session;
            if (session != null && !NearExpiry(session)) return session;
            await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_session == null || NearExpiry(_session)) await CreateSessionCoreAsync(cancellationToken).ConfigureAwait(false);
                return _session;
            }
            finally
            {
                _sessionGate.Release();
            }
        }

        /// <summary>Makes a new session now, replacing the current one.</summary>
        public async Task<TripletexSession> CreateSessionAsync(CancellationToken cancellationToken)
        {
            await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { await CreateSessionCoreAsync(cancellationToken).ConfigureAwait(false); }
            finally { _sessionGate.Release(); }
            var who = await WhoAmIAsync(cancellationToken).ConfigureAwait(false);
            _session.CompanyId = who.CompanyId;
            _session.CompanyName = who.CompanyName;
            _session.EmployeeId = who.EmployeeId;
            _session.EmployeeName = who.EmployeeName;
            return _session;
        }

        async Task CreateSessionCoreAsync(CancellationToken cancellationToken)
        {
            var now = _connection.UtcNow;
            var expires = OsloTime.Today(now).AddDays(_connection.SessionDays);
            // -SessionDays 1 late in the evening: tomorrow's midnight already lies inside the renewal window, and a
            // session asked for until then would be renewed before every call. Ask for a day more instead.
            while (OsloTime.StartOf(expires) - _connection.RenewBefore <= now) expires = expires.AddDays(1);
            var query = ApiRequest.Query(new[]
            {
                new KeyValuePair<string, string>("consumerToken", _connection.ConsumerToken.Reveal()),
                new KeyValuePair<string, string>("employeeToken", _connection.EmployeeToken.Reveal()),
                new KeyValuePair<string, string>("expirationDate", expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            });
            // Safe to retry although it creates something: a session made by a lost attempt is unused and dies on its own.
            var request = new ApiRequest(HttpMethod.Put, CreatePath + "?" + query) { Endpoint = "PUT " + CreatePath, Idempotent = true };
            var created = await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response))
                {
                    var value = doc.RootElement.Obj("value");
                    var token = value.Str("token") ?? throw new FormatException("The session has no token.");
                    var date = value.Date("expirationDate") ?? expires;
                    return (Id: value.Int("id") ?? 0, Token: token, Expires: date);
                }
            }, cancellationToken).ConfigureAwait(false);
            var secret = Secret.FromPlainText(created.Token);
            _sessionToken = secret;
            _session = new TripletexSession
            {
                Id = created.Id, ExpirationDate = created.Expires.Date, ExpiresAt = OsloTime.StartOf(created.Expires),
                Environment = _connection.Environment, CreatedAt = now,
            };
        }

        /// <summary>Deletes the current session at Tripletex; the next call makes a new one.</summary>
        public async Task<bool> DeleteSessionAsync(CancellationToken cancellationToken)
        {
            var token = _sessionToken;
            if (token == null) return false;
            var request = new ApiRequest(HttpMethod.Delete, "token/session/" + Uri.EscapeDataString(token.Reveal())) { Endpoint = "DELETE token/session/{token}" };
            await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _session = null;
            _sessionToken = null;
            return true;
        }

        /// <summary>
        /// Drops the session if it has expired (Tripletex has already ended it; its token is useless) and returns
        /// it; null when there is none or it is still valid.
        /// </summary>
        public TripletexSession ForgetExpiredSession()
        {
            var session = _session;
            if (session == null || _connection.UtcNow < session.ExpiresAt) return null;
            _session = null;
            _sessionToken = null;
            return session;
        }

        internal sealed class Identity
        {
            public int? CompanyId;
            public string CompanyName;
            public int? EmployeeId;
            public string EmployeeName;
        }

        internal async Task<Identity> WhoAmIAsync(CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, "token/session/>whoAmI?fields=" + Uri.EscapeDataString("*,company(*),employee(*)")) { Endpoint = "GET whoAmI" };
            return await SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response))
                {
                    var value = doc.RootElement.Obj("value");
                    var employee = value.Obj("employee");
                    var company = value.Obj("company");
                    return new Identity
                    {
                        CompanyId = value.Int("companyId"),
                        EmployeeId = value.Int("employeeId"),
                        CompanyName = company.ValueKind == JsonValueKind.Object ? company.Str("name") : null,
                        EmployeeName = employee.ValueKind == JsonValueKind.Object
                            ? employee.Str("displayName") ?? (employee.Str("firstName") + " " + employee.Str("lastName")).Trim() : null,
                    };
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A session (made if needed) and whoAmI, timed; a failure becomes the result's cause.</summary>
        public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var session = await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
                var who = await WhoAmIAsync(cancellationToken).ConfigureAwait(false);
                var result = new ConnectionTestResult
                {
                    Service = Service, Check = _connection.Environment.ToString(), BaseUrl = _connection.BaseUri.AbsoluteUri, Success = true,
                    User = who.EmployeeName, Latency = watch.Elapsed,
                };
                result.Details["CompanyId"] = who.CompanyId;
                result.Details["CompanyName"] = who.CompanyName;
                result.Details["EmployeeId"] = who.EmployeeId;
                result.Details["SessionExpiresAt"] = session.ExpiresAt;
                return result;
            }
            catch (ServiceException ex)
            {
                var result = ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex, watch.Elapsed);
                result.Check = _connection.Environment.ToString();
                return result;
            }
        }

        /// <summary>The employee whose token makes the calls (whoAmI), e.g. so a change can refuse to strip that employee's own rights.</summary>
        public async Task<int?> GetCallerEmployeeIdAsync(CancellationToken cancellationToken) =>
            (await WhoAmIAsync(cancellationToken).ConfigureAwait(false)).EmployeeId;

        public async Task<IReadOnlyList<TripletexEntitlement>> GetEntitlementsAsync(int? employeeId, CancellationToken cancellationToken)
        {
            var id = employeeId ?? (await WhoAmIAsync(cancellationToken).ConfigureAwait(false)).EmployeeId;
            var list = new List<TripletexEntitlement>();
            await foreach (var e in List("employee/entitlement", (id.HasValue ? "employeeId=" + id.Value.ToString(CultureInfo.InvariantCulture) + "&" : "") + "fields=id,entitlementId,name,employee", "Reading Tripletex entitlements",
                v => new TripletexEntitlement { Id = v.Int("id") ?? 0, EntitlementId = v.Int("entitlementId") ?? 0, Name = v.Str("name"), EmployeeId = v.Obj("employee").ValueKind == JsonValueKind.Object ? v.Obj("employee").Int("id") : id },
                cancellationToken).ConfigureAwait(false))
                list.Add(e);
            return list;
        }

        /// <summary>
        /// Applies an entitlement template to an employee ([BETA] PUT employee/entitlement/:grantEntitlementsByTemplate).
        /// The employee only receives what its user type allows, so callers read the entitlements back.
        /// </summary>
        public async Task GrantEntitlementTemplateAsync(int employeeId, string template, CancellationToken cancellationToken)
        {
            var query = "employee/entitlement/:grantEntitlementsByTemplate?employeeId=" + employeeId.ToString(CultureInfo.InvariantCulture) + "&template=" + Uri.EscapeDataString(template);
            await SendAsync(new ApiRequest(HttpMethod.Put, query) { Endpoint = "PUT employee/entitlement/:grantEntitlementsByTemplate" }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Probes what an integration reads (customers, invoices) with one cheap call each.</summary>
        public async Task<IReadOnlyList<TripletexAccessCheck>> TestAccessAsync(CancellationToken cancellationToken)
        {
            var today = OsloTime.Today(_connection.UtcNow);
            var probes = new[]
            {
                ("Customers", "customer?count=1&fields=id"),
                ("Invoices", "invoice?invoiceDateFrom=" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&invoiceDateTo=" + today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&count=1&fields=id"),
            };
            var results = new List<TripletexAccessCheck>();
            foreach (var (area, probe) in probes)
            {
                try
                {
                    await SendAsync(new ApiRequest(HttpMethod.Get, probe), cancellationToken).ConfigureAwait(false);
                    results.Add(new TripletexAccessCheck { Area = area, Probe = "GET " + ApiRequest.PathOnly(probe), Granted = true, Detail = "Readable." });
                }
                catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization)
                {
                    results.Add(new TripletexAccessCheck { Area = area, Probe = "GET " + ApiRequest.PathOnly(probe), Granted = false, Detail = ex.Summary, Fix = ex.RecommendedAction });
                }
            }
            return results;
        }

        public IAsyncEnumerable<TripletexCustomer> GetCustomersAsync(bool inactive, CancellationToken cancellationToken) =>
            List("customer", "isInactive=" + (inactive ? "true" : "false") + "&fields=id,name,customerNumber,organizationNumber,email,isInactive",
                inactive ? "Reading inactive Tripletex customers" : "Reading Tripletex customers", ReadCustomer, cancellationToken);

        /// <summary>One customer by id (GET customer/{id}), active or not; Tripletex.NotFound when there is none.</summary>
        public Task<TripletexCustomer> GetCustomerAsync(int id, CancellationToken cancellationToken) =>
            SendAsync(new ApiRequest(HttpMethod.Get, "customer/" + id.ToString(CultureInfo.InvariantCulture) + "?fields=id,name,customerNumber,organizationNumber,email,isInactive") { Endpoint = "GET customer/{id}" },
                response =>
                {
                    using (var doc = JsonElementReader.Parse(response)) return ReadCustomer(doc.RootElement.Obj("value"));
                }, cancellationToken);

        internal static TripletexCustomer ReadCustomer(JsonElement v) => new TripletexCustomer
        {
            Id = v.Int("id") ?? throw new FormatException("A customer has no id."), Name = v.Str("name"), CustomerNumber = v.Int("customerNumber"),
            OrganizationNumber = v.Str("organizationNumber"), Email = v.Str("email"), IsInactive = v.Bool("isInactive") ?? false,
        };

        /// <summary>
        /// Invoices dated from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), as the API requires.
        /// A range Tripletex calls too large (code 23000: more than 10 000 rows, whatever the page size) is split in
        /// halves until each half fits.
        /// </summary>
        public async IAsyncEnumerable<TripletexInvoice> GetInvoicesAsync(DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var ranges = new Stack<(DateTime From, DateTime To)>();
            ranges.Push((from.Date, to.Date));
            while (ranges.Count > 0)
            {
                var (a, b) = ranges.Pop();
                var query = "invoiceDateFrom=" + a.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&invoiceDateTo=" + b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    + "&fields=" + Uri.EscapeDataString("id,invoiceNumber,invoiceDate,invoiceDueDate,customer(id),amount,amountOutstanding");
                // The refusal comes with the first page, before anything is yielded, so trying it first loses nothing.
                Page<TripletexInvoice> first;
                try { first = await ListPageAsync("invoice", query, 0, ReadInvoice, cancellationToken).ConfigureAwait(false); }
                catch (ServiceException ex) when (ex.ServiceCode == "23000" && (b - a).TotalDays >= 2)
                {
                    var middle = a.AddDays(Math.Floor((b - a).TotalDays / 2));
                    ranges.Push((middle, b));
                    ranges.Push((a, middle));
                    continue;
                }
                foreach (var invoice in first.Items) yield return invoice;
                if (first.Next == null) continue;
                await foreach (var invoice in PagedSequence.Stream<TripletexInvoice>(Service, "Reading Tripletex invoices", first.Next,
                    (cursor, ct) => ListPageAsync("invoice", query, (int)cursor, ReadInvoice, ct), GuessNextOffset, PagedSequence.MaxAhead, cancellationToken).ConfigureAwait(false))
                    yield return invoice;
            }
        }

        static TripletexInvoice ReadInvoice(JsonElement v) => new TripletexInvoice
        {
            Id = v.Int("id") ?? throw new FormatException("An invoice has no id."), InvoiceNumber = v.Int("invoiceNumber"), InvoiceDate = v.Date("invoiceDate"),
            InvoiceDueDate = v.Date("invoiceDueDate"), CustomerId = v.Obj("customer").ValueKind == JsonValueKind.Object ? v.Obj("customer").Int("id") : null,
            Amount = v.Decimal("amount"), AmountOutstanding = v.Decimal("amountOutstanding"),
        };

        /// <summary>
        /// from/count paging: a page shorter than asked for is the last. fullResultSize is deprecated and "not exact"
        /// (tripletex.md §3.1, and its behaviour changed in 2026: issue #127), so it does not end the read: when the
        /// count is an exact multiple of the page size, one more call, which comes back empty, says nothing follows.
        /// </summary>
        IAsyncEnumerable<T> List<T>(string path, string query, string activity, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
            PagedSequence.Stream<T>(Service, activity, 0, (cursor, ct) => ListPageAsync(path, query, (int)cursor, read, ct), GuessNextOffset, PagedSequence.MaxAhead, cancellationToken);

        /// <summary>
        /// The page after the one at <paramref name="from"/>, asked for before that one arrives, while fullResultSize says
        /// there is more: a head start only. A lower fullResultSize just stops the guessing (each full page still asks
        /// for the next); a higher one costs one call that comes back empty. Not while the period's remaining calls are
        /// down to those two requests: the guess would take the last call the page after it needs.
        /// </summary>
        object GuessNextOffset(object from, long? fullResultSize) =>
            Volatile.Read(ref _lastRemaining) > PagedSequence.MaxAhead ? GuessNextOffsetByHint(from, fullResultSize) : null;

        internal static object GuessNextOffsetByHint(object from, long? fullResultSize) =>
            fullResultSize is long total && (int)from + PageSize < total ? (object)((int)from + PageSize) : null;

        async Task<Page<T>> ListPageAsync<T>(string path, string query, int from, Func<JsonElement, T> read, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, $"{path}?{(string.IsNullOrEmpty(query) ? "" : query + "&")}from={from}&count={PageSize}") { Endpoint = "GET " + path };
            return await SendAsync(request, response => ParseListPage(response, from, read), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One answer of a from/count list (the bench times it beside the fetch).</summary>
        internal static Page<T> ParseListPage<T>(ApiResponse response, int from, Func<JsonElement, T> read)
        {
            using (var doc = JsonElementReader.Parse(response))
            {
                var root = doc.RootElement;
                var items = root.Array("values").Select(read).ToList();
                return new Page<T>(items, items.Count < PageSize ? null : (object)(from + items.Count), root.Long("fullResultSize"));
            }
        }

        /// <summary>The limiter's state as plain numbers (Get-IntegrationConnection).</summary>
        public LimiterState Limiter => LimiterState.Of(_transport.Throttle);

        /// <summary>
        /// Any call (Invoke-TripletexRequest) with the connection's session (made or renewed before the call, renewed once
        /// after a 401), the X-Rate-Limit pause, retries and error mapping. The body parsed, whole (value or values envelope).
        /// </summary>
        public Task<object> SendRawAsync(RawRequest raw, CancellationToken cancellationToken) =>
            SendAsync(raw.ToApiRequest(), response => JsonTree.Parse(response), cancellationToken);

        /// <summary>A paged GET (from/count, 1000 a page): every page's values streamed as they arrive.</summary>
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest raw, CancellationToken cancellationToken)
        {
            raw.RefusePagerKeys(Service, "from", "count");
            var relative = raw.RelativeUri();
            var q = relative.IndexOf('?');
            var path = q < 0 ? relative : relative.Substring(0, q);
            var query = q < 0 ? "" : relative.Substring(q + 1);
            return PagedSequence.Stream<object>(Service, "Reading Tripletex " + raw.PathOnly, 0,
                (cursor, ct) => ListPageAsync(path, query, (int)cursor, JsonTree.From, ct), cancellationToken);
        }

        public void Dispose()
        {
            _transport.Dispose();
            _sessionGate.Dispose();
        }
    }
}
