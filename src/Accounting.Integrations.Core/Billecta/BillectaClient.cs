using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Json;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Time;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta REST v1 reads: creditors, debtors, open and closed invoices, incoming payments (billecta.md §3-4).</summary>
    public sealed class BillectaClient : IDisposable
    {
        const string Service = BillectaErrorInterpreter.Service;
        const string ExchangePath = "authentication/apiauthenticate";
        /// <summary>
        /// Page size for the lists that take offset/limit (billecta.md §4.8: names from S3, no default or maximum found).
        /// ASSUMPTION: 500 is at or below any server-side maximum; a shorter page at a round size is asked past anyway.
        /// </summary>
        public const int PageSize = 500;
        static readonly TimeZoneInfo Stockholm = TimeZoneLookup.Find("Europe/Stockholm", "W. Europe Standard Time", TimeSpan.FromHours(1), "Stockholm");

        readonly BillectaConnection _connection;
        readonly ApiTransport _transport;
        readonly SemaphoreSlim _renewGate = new SemaphoreSlim(1, 1);
        static readonly AsyncLocal<Secret[]> UsedAuthorization = new AsyncLocal<Secret[]>();

        /// <summary>
        /// Billecta documents limits for two endpoints only (billecta.md §5); each holds to both of its windows.
        /// Calls to other endpoints are not paced: no limit is documented for them.
        /// </summary>
        public static IEnumerable<RateRule> Rules() => new[]
        {
            new RateRule("search-per-minute", 100, TimeSpan.FromMinutes(1), RateScope.Endpoint, "POST v1/search/actions"),
            new RateRule("search-per-10s", 30, TimeSpan.FromSeconds(10), RateScope.Endpoint, "POST v1/search/actions"),
            new RateRule("invoice-action-per-minute", 600, TimeSpan.FromMinutes(1), RateScope.Endpoint, "GET v1/invoice/action/{id}"),
            new RateRule("invoice-action-per-10s", 100, TimeSpan.FromSeconds(10), RateScope.Endpoint, "GET v1/invoice/action/{id}"),
        };

        internal BillectaClient(BillectaConnection connection, Uri baseUri, TransportOptions options)
        {
            _connection = connection;
            // The account is the login behind the SecureToken (it stays when the token is renewed), else the header itself.
            var throttle = ThrottleRegistry.For(Service, baseUri, (connection.RenewalCredential ?? connection.Authorization).Reveal(), Rules(),
                paced: options?.ClientPacing ?? true, clock: options?.Clock);
            _transport = new ApiTransport(Service, baseUri, options, throttle, new BillectaErrorInterpreter(), AuthenticateAsync);
        }

        async Task AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (message.RequestUri.AbsolutePath.EndsWith("/" + ExchangePath, StringComparison.Ordinal) && _connection.RenewalCredential != null)
            {
                // A new SecureToken is made with the Basic value, not with the token it replaces.
                message.Headers.TryAddWithoutValidation("Authorization", _connection.RenewalCredential.Reveal());
                return;
            }
            if (_connection.RenewalCredential != null && _connection.SecureTokenExpires is DateTimeOffset expires && _connection.UtcNow >= expires - _connection.RenewBefore)
                await RenewAsync(_connection.Authorization, cancellationToken).ConfigureAwait(false);
            var used = _connection.Authorization;
            var slot = UsedAuthorization.Value;
            if (slot != null) slot[0] = used;
            message.Headers.TryAddWithoutValidation("Authorization", used.Reveal());
        }

        /// <summary>Replaces the SecureToken unless another call already has (the token in use is no longer <paramref name="stale"/>).</summary>
        async Task RenewAsync(Secret stale, CancellationToken cancellationToken)
        {
            await _renewGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(_connection.Authorization, stale)) return;
                var (token, expires) = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
                _connection.Switch(_connection.RenewalCredential, token, expires);
            }
            finally { _renewGate.Release(); }
        }

        /// <summary>
        /// Sends a call; when a SecureToken the connection made is refused (401), makes a new one once and retries once
        /// (billecta.md §2.2: tokens expire, lifetime unknown).
        /// </summary>
        async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        {
            var slot = new Secret[1];
            UsedAuthorization.Value = slot;
            try
            {
                return await _transport.SendAsync(request, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceException ex) when (ex.HttpStatus == 401 && _connection.RenewalCredential != null && slot[0] != null)
            {
                CallObserverScope.Warn("Billecta refused the SecureToken before its Expires; making a new one and retrying the call once.");
                await RenewAsync(slot[0], cancellationToken).ConfigureAwait(false);
            }
            return await _transport.SendAsync(request, parse, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// GET /v1/creditors/creditors, timed. A refusal is tried once against the other environment too, so
        /// that credentials of the wrong environment are told apart from a wrong password.
        /// </summary>
        public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var result = new ConnectionTestResult { Service = Service, Check = _connection.Environment.ToString(), BaseUrl = _connection.BaseUri.AbsoluteUri };
            try
            {
                var creditors = await GetCreditorsAsync(cancellationToken).ConfigureAwait(false);
                result.Success = true;
                result.Latency = watch.Elapsed;
                result.Details["Creditors"] = creditors.Count;
                result.Details["CreditorNames"] = string.Join(", ", creditors.Select(c => c.Name));
                result.Details["Scheme"] = _connection.Scheme;
                return result;
            }
            catch (ServiceException ex)
            {
                var failed = ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex, watch.Elapsed);
                failed.Check = _connection.Environment.ToString();
                if (ex.Reason == ErrorReason.Authentication && _connection.OtherEnvironmentUri != null && await WorksInOtherEnvironmentAsync(cancellationToken).ConfigureAwait(false))
                {
                    var other = _connection.Environment == BillectaEnvironment.Test ? "Production" : "Test";
                    failed.Cause = $"These credentials belong to Billecta's {other} environment, not {_connection.Environment}";
                    failed.Fix = $"Connect with -Environment {other}; test and production logins are separate.";
                    failed.ErrorId = Service + ".Configuration";
                }
                else if (ex.Reason == ErrorReason.Authentication && _connection.OtherEnvironmentUri == null)
                    failed.Details["OtherEnvironment"] = "Not tried: the base URL was given for this environment only; add -OtherEnvironmentUrl to check whether the login belongs to the other one.";
                return failed;
            }
        }

        async Task<bool> WorksInOtherEnvironmentAsync(CancellationToken cancellationToken)
        {
            // The connection's own options (its proxy above all), but one quick attempt: this is a diagnosis, not the call.
            var options = (_connection.Options ?? new TransportOptions()).Clone();
            options.MaxAttempts = 1;
            options.AttemptTimeout = TimeSpan.FromSeconds(Math.Min(15, options.AttemptTimeout.TotalSeconds));
            using (var other = new BillectaClient(_connection, _connection.OtherEnvironmentUri, options))
            {
                try
                {
                    await other.GetCreditorsAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (ServiceException) { return false; }
            }
        }

        /// <summary>POST /v1/authentication/apiauthenticate with the connection's Basic value: a SecureToken header value (billecta.md §2.2).</summary>
        public async Task<Secret> ExchangeForSecureTokenAsync(CancellationToken cancellationToken) =>
            (await ExchangeAsync(cancellationToken).ConfigureAwait(false)).Token;

        /// <summary>The exchange, with its SecureTokenView.Expires (billecta.md §2.2): made with the kept Basic value once there is one, else the connection's.</summary>
        internal async Task<(Secret Token, DateTimeOffset? Expires)> ExchangeAsync(CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, ExchangePath).WithBody(new byte[0], null);
            request.Idempotent = true; // a new token per call, nothing else changes
            var (token, expires) = await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response))
                {
                    var value = doc.RootElement.Str("Value") ?? throw new FormatException("Billecta returned no token Value.");
                    return (value, DateOf(doc.RootElement.Str("Expires")));
                }
            }, cancellationToken).ConfigureAwait(false);
            return (Secret.FromPlainText(BillectaAuthorization.SecureToken(token)), expires);
        }

        public Task<IReadOnlyList<BillectaCreditor>> GetCreditorsAsync(CancellationToken cancellationToken) =>
            GetPagedListAsync("creditors/creditors", e => new BillectaCreditor
            {
                CreditorPublicId = e.Str("CreditorPublicId"), OrgNo = e.Str("OrgNo"), Name = e.Str("Name"), IsEnabled = e.Bool("IsEnabled") ?? true,
            }, c => c.CreditorPublicId, cancellationToken);

        public Task<IReadOnlyList<BillectaDebtor>> GetDebtorsAsync(string creditorPublicId, CancellationToken cancellationToken) =>
            GetPagedListAsync("debtors/debtors/" + Uri.EscapeDataString(creditorPublicId), e => new BillectaDebtor
            {
                DebtorPublicId = e.Str("DebtorPublicId"), CreditorPublicId = e.Str("CreditorPublicId"), DebtorExternalId = e.Str("DebtorExternalId"),
                OrgNo = e.Str("OrgNo"), Name = e.Str("Name"), Email = e.Str("Email"), DebtorType = e.Str("DebtorType"), IsActive = e.Bool("IsActive") ?? true,
            }, d => d.DebtorPublicId, cancellationToken);

        public Task<IReadOnlyList<BillectaInvoice>> GetOpenInvoicesAsync(string creditorPublicId, CancellationToken cancellationToken) =>
            GetListAsync("invoice/open/" + Uri.EscapeDataString(creditorPublicId), e => ReadInvoice(e, true), "open invoices", cancellationToken);

        /// <summary>Invoices closed (fully paid, credited…) between the two dates, both included (query dates are date-only, billecta.md §6).</summary>
        public Task<IReadOnlyList<BillectaInvoice>> GetClosedInvoicesAsync(string creditorPublicId, DateTime from, DateTime to, CancellationToken cancellationToken) =>
            GetListAsync("invoice/closed/" + Uri.EscapeDataString(creditorPublicId) + "?from=" + Day(from) + "&to=" + Day(to), e => ReadInvoice(e, false), "closed invoices", cancellationToken);

        /// <summary>
        /// Payments from the start of <paramref name="from"/> to the end of <paramref name="to"/>. IncomingPaymentRequestView's From
        /// and To are date-times (billecta.md §6: "YYYY-MM-DD HH:MM:SS+HH:MM", Stockholm time); a bare date would be read as
        /// midnight and drop the range's last day, so To is 23:59:59 of that day.
        /// </summary>
        public async Task<IReadOnlyList<BillectaPayment>> GetIncomingPaymentsAsync(string creditorPublicId, DateTime from, DateTime to, CancellationToken cancellationToken)
        {
            var body = "{\"CreditorPublicId\":" + JsonString(creditorPublicId) + ",\"From\":\"" + StockholmDateTime(from.Date) + "\",\"To\":\"" + StockholmDateTime(to.Date.AddDays(1).AddSeconds(-1)) + "\"}";
            var request = new ApiRequest(HttpMethod.Put, "payments/incomingpayments").WithJsonBody(body);
            request.Idempotent = true; // a search sent as PUT: repeating it changes nothing
            var payments = await SendAsync(request, response => ReadArray(response, e =>
            {
                var amount = e.Obj("Amount");
                return new BillectaPayment
                {
                    PaymentReferenceId = e.Str("PaymentReferenceId"), CreditorPublicId = e.Str("CreditorPublicId"), ActionPublicId = e.Str("ActionPublicId"),
                    InvoiceNumber = e.Str("InvoiceNumber"), DebtorName = e.Str("DebtorName"), Amount = Money(amount), Currency = Currency(amount),
                    PaymentDate = DateOf(e.Str("PaymentDate")), PaymentMeanCode = e.Str("PaymentMeanCode"),
                };
            }), cancellationToken).ConfigureAwait(false);
            WarnIfCapped(payments.Count, "incoming payments");
            return payments;
        }

        /// <summary>"YYYY-MM-DD HH:MM:SS+HH:MM" in Stockholm time, the form Billecta writes and S3 sends (billecta.md §6).</summary>
        internal static string StockholmDateTime(DateTime local)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            var offset = Stockholm.GetUtcOffset(unspecified);
            return unspecified.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        /// <summary>A list read whole (no paging parameters are known for it): a count at a round size may be a server's cap.</summary>
        async Task<IReadOnlyList<T>> GetListAsync<T>(string path, Func<JsonElement, T> read, string what, CancellationToken cancellationToken)
        {
            var list = await SendAsync(new ApiRequest(HttpMethod.Get, path), response => ReadArray(response, read), cancellationToken).ConfigureAwait(false);
            WarnIfCapped(list.Count, what);
            return list;
        }

        /// <summary>
        /// A list with offset/limit (billecta.md §3, §4.8; key names ASSUMED from S3). Read until a page is empty, or shorter
        /// than asked at a size that does not look like a server's cap; a page that repeats the one before means the server
        /// ignores the paging, and what it gave is kept with a warning that it may be capped.
        /// </summary>
        async Task<IReadOnlyList<T>> GetPagedListAsync<T>(string path, Func<JsonElement, T> read, Func<T, string> idOf, CancellationToken cancellationToken)
        {
            var all = new List<T>();
            await foreach (var item in StreamPagedListAsync(path, read, idOf, cancellationToken).ConfigureAwait(false)) all.Add(item);
            return all;
        }

        /// <summary>The paged read of <see cref="GetPagedListAsync"/>, each page's new records yielded as it arrives.</summary>
        async IAsyncEnumerable<T> StreamPagedListAsync<T>(string path, Func<JsonElement, T> read, Func<T, string> idOf, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            string previousFirst = null;
            for (var offset = 0; ; )
            {
                var query = (path.IndexOf('?') < 0 ? "?" : "&") + "offset=" + offset.ToString(CultureInfo.InvariantCulture) + "&limit=" + PageSize.ToString(CultureInfo.InvariantCulture);
                var page = await SendAsync(new ApiRequest(HttpMethod.Get, path + query) { Endpoint = "GET " + ApiRequest.PathOnly(path) }, response => ReadArray(response, read), cancellationToken).ConfigureAwait(false);
                if (page.Count == 0) break;
                var first = idOf(page[0]);
                if (offset > 0 && first != null && first == previousFirst)
                {
                    CallObserverScope.Warn($"Billecta ignored the paging of {ApiRequest.PathOnly(path)}: the {count} records read may be all there are, or a server-side cap.");
                    break;
                }
                previousFirst = first;
                var added = 0;
                foreach (var item in page)
                {
                    var id = idOf(item);
                    if (id != null && !seen.Add(id)) continue;
                    count++;
                    if (id != null) added++;
                    yield return item;
                }
                offset += page.Count;
                if (added == 0)
                {
                    // Nothing this page brought can be told from what came before: asking on would not move the read.
                    CallObserverScope.Warn($"Billecta's paging of {ApiRequest.PathOnly(path)} stopped moving after {count} records; they may not be all there are.");
                    break;
                }
                if (page.Count < PageSize && !LooksLikeCap(page.Count)) break;
            }
        }

        /// <summary>The limiter's state as plain numbers (Get-IntegrationConnection).</summary>
        public LimiterState Limiter => LimiterState.Of(_transport.Throttle);

        /// <summary>
        /// Any call (Invoke-BillectaRequest) with the connection's Authorization (a SecureToken it made is renewed before its
        /// Expires and once after a 401), the documented per-endpoint limits, retries and error mapping. The body parsed.
        /// </summary>
        public Task<object> SendRawAsync(RawRequest raw, CancellationToken cancellationToken) =>
            SendAsync(raw.ToApiRequest(RuleEndpointPrefix), response => JsonTree.Parse(response), cancellationToken);

        /// <summary>
        /// A list with offset/limit, streamed page by page, with the same stop rules as the module's own lists (a repeated
        /// page or a page with nothing new ends the read with a warning). A record seen twice, byte for byte, counts once.
        /// </summary>
        public async IAsyncEnumerable<object> SendRawPagedAsync(RawRequest raw, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            raw.RefusePagerKeys(Service, "offset", "limit");
            await foreach (var item in StreamPagedListAsync(raw.RelativeUri(), e => new KeyValuePair<string, object>(e.GetRawText(), JsonTree.From(e)), kv => kv.Key, cancellationToken).ConfigureAwait(false))
                yield return item.Value;
        }

        /// <summary>The rules name endpoints with the API's version ("GET v1/invoice/action/{id}"); the base URL ends in it.</summary>
        string RuleEndpointPrefix => _transport.BaseUri.AbsolutePath.EndsWith("/v1/", StringComparison.OrdinalIgnoreCase) ? "v1/" : "";

        /// <summary>Round sizes servers cap lists at: multiples of 100 from 100 up.</summary>
        internal static bool LooksLikeCap(int count) => count >= 100 && count % 100 == 0;

        static void WarnIfCapped(int count, string what)
        {
            if (LooksLikeCap(count))
                CallObserverScope.Warn($"Billecta returned exactly {count} {what}: a round number may be a server-side cap, and this list has no paging. Narrow the range (e.g. -From/-To) to check that nothing was left out.");
        }

        /// <summary>Lists are plain JSON arrays (billecta.md §4.8).</summary>
        /// <summary>The answer of invoice/open (the bench times it beside the fetch).</summary>
        internal static IReadOnlyList<BillectaInvoice> ParseOpenInvoices(ApiResponse response) => ReadArray(response, e => ReadInvoice(e, true));

        static IReadOnlyList<T> ReadArray<T>(ApiResponse response, Func<JsonElement, T> read)
        {
            using (var doc = JsonElementReader.Parse(response))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException("Billecta answered with something other than a list.");
                var list = new List<T>(doc.RootElement.GetArrayLength());
                foreach (var e in doc.RootElement.EnumerateArray()) list.Add(read(e));
                return list;
            }
        }

        static readonly JsonFieldSet InvoiceFields = new JsonFieldSet("InvoicedAmount", "CurrentAmount", "ActionPublicId", "CreditorPublicId", "DebtorPublicId",
            "DebtorName", "InvoiceNumber", "Stage", "InvoiceDate", "DueDate", "ClosedDate");

        static BillectaInvoice ReadInvoice(JsonElement e, bool open)
        {
            var f = InvoiceFields.Read(e); // a large object: one pass, not one scan per field
            var invoiced = f.Obj("InvoicedAmount");
            var current = f.Obj("CurrentAmount");
            return new BillectaInvoice
            {
                ActionPublicId = f.Str("ActionPublicId"), CreditorPublicId = f.Str("CreditorPublicId"), DebtorPublicId = f.Str("DebtorPublicId"),
                DebtorName = f.Str("DebtorName"), InvoiceNumber = f.Str("InvoiceNumber"), Stage = f.Str("Stage"),
                InvoiceDate = DateOf(f.Element("InvoiceDate")), DueDate = DateOf(f.Element("DueDate")), ClosedDate = DateOf(f.Element("ClosedDate")),
                InvoicedAmount = Money(invoiced), CurrentAmount = Money(current), Currency = Currency(invoiced) ?? Currency(current), IsOpen = open,
            };
        }

        /// <summary>Amounts travel in minor units with a display value (billecta.md §6).</summary>
        static decimal? Money(JsonElement amount)
        {
            if (amount.ValueKind != JsonValueKind.Object) return null;
            var minor = amount.Decimal("Value");
            return minor.HasValue ? minor.Value / 100m : amount.Decimal("ValueForView");
        }

        static string Currency(JsonElement amount) => amount.ValueKind == JsonValueKind.Object ? amount.Str("CurrencyCode") : null;

        /// <summary>"YYYY-MM-DD HH:MM:SS+HH:MM" (Stockholm time), or with a T, or without an offset.</summary>
        static readonly string[] DateFormats = { "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd" };

        /// <summary>
        /// A date value read in place: the standard form straight from its UTF-8 bytes (three dates an invoice, no string
        /// made for any of them); anything else (escapes, another form, not a string) exactly as <see cref="DateOf(string)"/> reads its text.
        /// </summary>
        internal static DateTimeOffset? DateOf(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String && TryStandard(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value), out var standard)) return standard;
            return DateOf(JsonElementReader.StrOf(value));
        }

        /// <summary>
        /// The standard form from a string token's raw bytes (with its quotes), read in place as
        /// <see cref="JsonElementReader.TryAsciiInPlace(ReadOnlySpan{byte}, Span{char}, out int)"/> reads them; any other shape: false, for the text path.
        /// </summary>
        internal static bool TryStandard(ReadOnlySpan<byte> raw, out DateTimeOffset value)
        {
            value = default;
            Span<char> chars = stackalloc char[StandardLength];
            return JsonElementReader.TryAsciiInPlace(raw, chars, out var length) && TryStandard(chars.Slice(0, length), out value);
        }

        const int StandardLength = 25;

        internal static DateTimeOffset? DateOf(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (TryStandard(text, out var standard)) return standard;
            if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var d)) return d;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out d)) return d;
            throw new FormatException("Not a Billecta date: " + text);
        }

        /// <summary>
        /// The wire's standard form, "yyyy-MM-dd HH:mm:ss+HH:MM" (or with a T), read by hand: the same value the first two
        /// formats give, without TryParseExact's cost (three dates an invoice). Anything else: false, for the formats to try.
        /// </summary>
        internal static bool TryStandard(string s, out DateTimeOffset value) => TryStandard(s.AsSpan(), out value);

        internal static bool TryStandard(ReadOnlySpan<char> s, out DateTimeOffset value)
        {
            value = default;
            if (s.Length != StandardLength || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
                || (s[19] != '+' && s[19] != '-') || s[22] != ':') return false;
            if (!JsonElementReader.Digits(s, 0, 4, out var year) || !JsonElementReader.Digits(s, 5, 2, out var month) || !JsonElementReader.Digits(s, 8, 2, out var day)
                || !JsonElementReader.Digits(s, 11, 2, out var hour) || !JsonElementReader.Digits(s, 14, 2, out var minute) || !JsonElementReader.Digits(s, 17, 2, out var second)
                || !JsonElementReader.Digits(s, 20, 2, out var offsetHours) || !JsonElementReader.Digits(s, 23, 2, out var offsetMinutes)) return false;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
                || offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60) return false;
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            try { value = new DateTimeOffset(year, month, day, hour, minute, second, s[19] == '-' ? -offset : offset); }
            catch (ArgumentOutOfRangeException) { return false; } // outside DateTimeOffset's range once the offset is applied
            return true;
        }

        static string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        static string JsonString(string s) => "\"" + (s ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        public void Dispose()
        {
            _transport.Dispose();
            _renewGate.Dispose();
        }
    }
}
