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
using Accounting.Integrations.Core.Json;
using Accounting.Integrations.Core.Paging;
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>
    /// iFirma API calls: each request signed with its area's key over exactly the bytes sent, the
    /// response envelope's result codes mapped to plain reasons, the 100-a-minute throttle paced on the
    /// client, and a guard that stops bulk work before the monthly limit runs out.
    /// </summary>
    public sealed class IFirmaClient : IDisposable
    {
        const string Service = IFirmaErrorInterpreter.Service;
        /// <summary>No maximum is documented; clients cap at 100 (ifirma.md §2.2).</summary>
        public const int PageSize = 100;

        readonly IFirmaConnection _connection;
        readonly ApiTransport _transport;
        readonly object _limitGate = new object();
        int? _granted;
        int _used;

        public static IEnumerable<RateRule> Rules() => new[] { new RateRule("per-user", 100, TimeSpan.FromMinutes(1)) };

        internal IFirmaClient(IFirmaConnection connection, TransportOptions options)
        {
            _connection = connection;
            var throttle = ThrottleRegistry.For(Service, connection.BaseUri, connection.Login.ToLowerInvariant(), Rules(),
                paced: options?.ClientPacing ?? true, clock: options?.Clock);
            _transport = new ApiTransport(Service, connection.BaseUri, options, throttle, new IFirmaErrorInterpreter(), SignAsync);
        }

        /// <summary>The transport (and through it the account's limiter); for tests.</summary>
        internal ApiTransport Transport => _transport;

        /// <summary>Calls kept in hand below the monthly limit; bulk reads stop when only these are left.</summary>
        public int LimitReserve { get; set; }

        async Task SignAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            var relative = message.RequestUri.AbsolutePath.Substring(_connection.BaseUri.AbsolutePath.Length);
            var keyName = IFirmaSigner.KeyNameFor(relative);
            if (!_connection.TryGetKey(keyName, out var key))
                throw new ServiceException(Service, ErrorReason.Configuration, $"The connection has no '{keyName}' key, which this call needs",
                    recommendedAction: $"Generate it in {IFirmaErrorInterpreter.ApiPanel} and pass it to Connect-IFirma.", notProcessed: true);
            var body = message.Content == null ? new byte[0] : await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var url = message.RequestUri.GetLeftPart(UriPartial.Path);
            var signature = IFirmaSigner.Sign(IFirmaSigner.DecodeKey(key.Reveal()), url, _connection.Login, keyName, body);
            message.Headers.TryAddWithoutValidation("Authentication", IFirmaSigner.Header(_connection.Login, signature));
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
        }

        async Task<T> CallAsync<T>(ApiRequest request, Func<JsonElement, T> read, CancellationToken cancellationToken)
        {
            ReserveCall();
            var keyName = IFirmaSigner.KeyNameFor(ApiRequest.PathOnly(request.RelativeUri));
            return await _transport.SendAsync(request, response => ReadEnvelope(response, keyName, read), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The 'response' envelope of an answer, read by <paramref name="read"/> unless its Kod is a refusal.</summary>
        internal static T ReadEnvelope<T>(ApiResponse response, string keyName, Func<JsonElement, T> read)
        {
            using (var doc = JsonElementReader.Parse(response))
            {
                var envelope = doc.RootElement.Obj("response");
                if (envelope.ValueKind != JsonValueKind.Object) throw new FormatException("The answer has no 'response' envelope.");
                var code = envelope.Int("Kod") ?? 0; // the accounting month's answer carries no Kod
                if (code != 0) throw IFirmaErrorInterpreter.FromCode(code, envelope.Str("Informacja"), response, keyName);
                return read(envelope);
            }
        }

        /// <summary>One page of faktury.json (the bench times it beside the fetch).</summary>
        internal static List<IFirmaInvoice> ParseInvoicesPage(ApiResponse response) =>
            ReadEnvelope(response, "faktura", InvoicesOf);

        /// <summary>Counts a call against the known monthly limit, refusing it when it would go past.</summary>
        void ReserveCall()
        {
            lock (_limitGate)
            {
                if (_granted.HasValue && _used >= _granted.Value - LimitReserve)
                    throw new ServiceException(Service, ErrorReason.QuotaExhausted,
                        $"Stopped before iFirma's monthly API limit runs out: {_used} of {_granted} calls used" + (LimitReserve > 0 ? $", {LimitReserve} kept in reserve" : ""),
                        recommendedAction: $"Ask for a higher limit in {IFirmaErrorInterpreter.ApiPanel} > Limity API (Request-IFirmaApiLimit gives the values), or wait until the 1st.",
                        notProcessed: true);
                _used++;
            }
        }

        /// <summary>ASSUMPTION (ifirma.md §3, §8.2): every call counts against the monthly limit, the limit read included.</summary>
        public async Task<IFirmaApiLimit> GetApiLimitAsync(CancellationToken cancellationToken)
        {
            var limit = await CallAsync(new ApiRequest(HttpMethod.Get, "abonent/limit.json"), e => new IFirmaApiLimit
            {
                Used = e.Int("LimitWykorzystany") ?? 0,
                Granted = e.Int("LimitPrzyznany") ?? 0,
            }, cancellationToken).ConfigureAwait(false);
            var today = DateTime.Today;
            limit.ResetsOn = new DateTime(today.Year, today.Month, 1).AddMonths(1);
            limit.Notes = "iFirma reports only used and granted calls; the reset date is assumed to be the 1st of next month, and whether extended access is on is not exposed.";
            lock (_limitGate)
            {
                _granted = limit.Granted;
                _used = limit.Used;
            }
            return limit;
        }

        public async Task<IFirmaAccountingMonth> GetAccountingMonthAsync(CancellationToken cancellationToken) =>
            await CallAsync(new ApiRequest(HttpMethod.Get, "abonent/miesiacksiegowy.json"), e => new IFirmaAccountingMonth
            {
                Year = e.Int("RokKsiegowy") ?? throw new FormatException("No RokKsiegowy."),
                Month = e.Int("MiesiacKsiegowy") ?? throw new FormatException("No MiesiacKsiegowy."),
            }, cancellationToken).ConfigureAwait(false);

        /// <summary>Sales invoices issued from <paramref name="from"/> to <paramref name="to"/>, 100 a page.</summary>
        public IAsyncEnumerable<IFirmaInvoice> GetInvoicesAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
            PagedSequence.Stream<IFirmaInvoice>(Service, "Reading iFirma invoices", 1, async (cursor, ct) =>
            {
                var page = (int)cursor;
                var query = "faktury.json?dataOd=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&dataDo=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    + "&strona=" + page.ToString(CultureInfo.InvariantCulture) + "&iloscNaStronie=" + PageSize.ToString(CultureInfo.InvariantCulture);
                var items = await CallAsync(new ApiRequest(HttpMethod.Get, query), InvoicesOf, ct).ConfigureAwait(false);
                // iFirma's answer carries no total or page count (ifirma.md §2.2, §13 q4), so a full last page costs one
                // more call, which comes back empty, to learn that nothing follows.
                return new Page<IFirmaInvoice>(items, items.Count < PageSize ? null : (object)(page + 1));
            }, cancellationToken);

        static List<IFirmaInvoice> InvoicesOf(JsonElement envelope) => envelope.Array("Wynik").Select(ReadInvoice).ToList();

        static IFirmaInvoice ReadInvoice(JsonElement e) => new IFirmaInvoice
        {
            Id = e.Int("FakturaId") ?? throw new FormatException("An invoice has no FakturaId."),
            FullNumber = e.Str("PelnyNumer"),
            IssueDate = e.Date("DataWystawienia"),
            DueDate = e.Date("TerminPlatnosci"),
            Gross = e.Decimal("Brutto"),
            Paid = e.Decimal("Zaplacono"),
            Currency = e.Str("Waluta"),
            ContractorName = e.Str("KontrahentNazwa"),
            ContractorNip = e.Str("NIPKontrahenta"),
            Kind = e.Str("Rodzaj"),
        };

        /// <summary>
        /// One check per configured key: a read for faktura and abonent; for rachunek and wydatek, which have
        /// no read, an empty document that iFirma must refuse for its content after checking the signature.
        /// </summary>
        public async Task<IReadOnlyList<ConnectionTestResult>> TestKeysAsync(CancellationToken cancellationToken)
        {
            var results = new List<ConnectionTestResult>();
            foreach (var keyName in _connection.KeyNames)
            {
                var watch = Stopwatch.StartNew();
                ConnectionTestResult result;
                try
                {
                    await ProbeAsync(keyName, cancellationToken).ConfigureAwait(false);
                    result = new ConnectionTestResult { Service = Service, BaseUrl = _connection.BaseUri.AbsoluteUri, Success = true };
                }
                catch (ServiceException ex) when ((keyName == IFirmaKeys.Rachunek || keyName == IFirmaKeys.Wydatek) && IFirmaErrorInterpreter.PassedSignatureCheck(ex))
                {
                    // The signature passed; only the deliberately empty document was refused (whatever code iFirma chose for it).
                    result = new ConnectionTestResult { Service = Service, BaseUrl = _connection.BaseUri.AbsoluteUri, Success = true };
                    result.Notes.Add($"Checked with an empty document that iFirma refused for its content (Kod {ex.ServiceCode}), as intended; nothing was created.");
                }
                catch (ServiceException ex)
                {
                    result = ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex);
                }
                result.Check = keyName;
                result.User = _connection.Login;
                result.Latency = watch.Elapsed;
                results.Add(result);
            }
            return results;
        }

        Task ProbeAsync(string keyName, CancellationToken cancellationToken)
        {
            var today = DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            switch (keyName)
            {
                case IFirmaKeys.Abonent: return GetAccountingMonthAsync(cancellationToken);
                case IFirmaKeys.Faktura: return CallAsync(new ApiRequest(HttpMethod.Get, $"faktury.json?dataOd={today}&dataDo={today}&strona=1&iloscNaStronie=1"), e => 0, cancellationToken);
                case IFirmaKeys.Rachunek: return CallAsync(new ApiRequest(HttpMethod.Post, "rachunekkraj.json").WithJsonBody("{}"), e => 0, cancellationToken);
                default: return CallAsync(new ApiRequest(HttpMethod.Post, "zakuptowaruvat.json").WithJsonBody("{}"), e => 0, cancellationToken);
            }
        }

        /// <summary>The limiter's state as plain numbers (Get-IntegrationConnection).</summary>
        public LimiterState Limiter => LimiterState.Of(_transport.Throttle);

        /// <summary>
        /// Any call (Invoke-IFirmaRequest), signed with the key of its area over the exact bytes sent, counted against
        /// the monthly limit and the 100-a-minute pace; a Kod other than 0 is the same error as for the module's own
        /// calls. The response envelope's content, parsed.
        /// </summary>
        public Task<object> SendRawAsync(RawRequest raw, CancellationToken cancellationToken) =>
            CallAsync(raw.ToApiRequest(), JsonTree.From, cancellationToken);

        /// <summary>A paged GET (strona/iloscNaStronie, 100 a page): every page's Wynik items streamed as they arrive.</summary>
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest raw, CancellationToken cancellationToken)
        {
            raw.RefusePagerKeys(Service, "strona", "iloscNaStronie");
            return PagedSequence.Stream<object>(Service, "Reading iFirma " + raw.PathOnly, 1, async (cursor, ct) =>
            {
                var page = (int)cursor;
                var request = raw.ToApiRequest("", new KeyValuePair<string, string>("strona", page.ToString(CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>("iloscNaStronie", PageSize.ToString(CultureInfo.InvariantCulture)));
                var items = await CallAsync(request, e => JsonTree.ItemsOf(e, "Wynik"), ct).ConfigureAwait(false);
                // No total or page count in the answer (ifirma.md §2.2): a full page asks for the next.
                return new Page<object>(items, items.Length < PageSize ? null : (object)(page + 1));
            }, cancellationToken);
        }

        public void Dispose() => _transport.Dispose();
    }
}
