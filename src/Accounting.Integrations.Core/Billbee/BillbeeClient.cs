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
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>Billbee REST API v1 calls: auth, envelope, keyset paging and the documented throttle.</summary>
    public sealed partial class BillbeeClient : IDisposable
    {
        const string Service = BillbeeErrorInterpreter.Service;
        readonly BillbeeConnection _connection;
        readonly ApiTransport _transport;

        const string OrderByIdEndpoint = "GET orders/{id}";

        /// <summary>
        /// Billbee's documented limits (billbee.md §3): per key + user, per endpoint for that user, and GET orders/{id}'s
        /// own 6 calls per order per minute (met by its window: a few reads of one order go at once, the 7th waits).
        /// </summary>
        public static IEnumerable<RateRule> UserRules() => new[]
        {
            new RateRule("per-endpoint", 2, TimeSpan.FromSeconds(1), RateScope.Endpoint),
            new RateRule("per-user", 10, TimeSpan.FromSeconds(1)),
            new RateRule("per-order", 6, TimeSpan.FromMinutes(1), RateScope.Resource, OrderByIdEndpoint, burst: true),
        };

        /// <summary>The limits that count a call to <paramref name="endpoint"/>, most specific first, in words for an error.</summary>
        internal static string LimitsFor(string endpoint) =>
            string.Join(", ", UserRules().Where(r => r.AppliesTo(endpoint) && (r.Endpoint != null || r.Scope != RateScope.Resource))
                .OrderByDescending(r => r.Scope).Select(r => r.Describe()));

        /// <summary>The rate-rule endpoint of a request URL where a rule names it (GET orders/{id}); null for the rest.</summary>
        internal static string EndpointOf(Uri requestUri) =>
            requestUri != null && System.Text.RegularExpressions.Regex.IsMatch(requestUri.AbsolutePath, @"/orders/[0-9]+/?$") ? OrderByIdEndpoint : null;

        /// <summary>The developer key's limit, shared by every user of the key.</summary>
        public static IEnumerable<RateRule> KeyRules() => new[] { new RateRule("per-key", 50, TimeSpan.FromSeconds(1)) };

        internal BillbeeClient(BillbeeConnection connection, TransportOptions options, bool throttle)
        {
            _connection = connection;
            // The developer key's budget stays paced for its other users whatever this connection chooses.
            var key = connection.ApiKey?.Reveal() ?? "";
            var clock = options?.Clock;
            var keyThrottle = ThrottleRegistry.For(Service, connection.BaseUri, "key:" + key, KeyRules(), clock: clock);
            var limiter = ThrottleRegistry.For(Service, connection.BaseUri, "user:" + key + "\n" + connection.Username.ToLowerInvariant(), UserRules(),
                paced: throttle && (options?.ClientPacing ?? true), parent: keyThrottle, clock: clock);
            _transport = new ApiTransport(Service, connection.BaseUri, options, limiter, new BillbeeErrorInterpreter(), Authenticate);
        }

        public ApiTransport Transport => _transport;

        Task Authenticate(HttpRequestMessage message, CancellationToken _)
        {
            var basic = Security.SecretRedactor.BasicCredential(_connection.Username, _connection.ApiPassword.Reveal());
            message.Headers.TryAddWithoutValidation("Authorization", "Basic " + basic);
            if (_connection.HasApiKey) message.Headers.TryAddWithoutValidation("X-Billbee-Api-Key", _connection.ApiKey.Reveal());
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            return Task.CompletedTask;
        }

        /// <summary>One cheap authenticated read (the shop list, one row), timed; a failure becomes the result's cause.</summary>
        public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
        {
            if (!_connection.HasApiKey)
            {
                // Known before any call: do not spend a request (and quota) to learn it.
                return new ConnectionTestResult
                {
                    Service = Service, BaseUrl = _connection.BaseUri.AbsoluteUri, Success = false, User = _connection.Username,
                    Cause = "No developer API key was given; Billbee refuses every call without the X-Billbee-Api-Key header",
                    Fix = "Pass -ApiKey (or -ApiKeySecretName with -Vault, or set BILLBEE_API_KEY) to Connect-Billbee; Billbee support issues developer keys by e-mail.",
                    ErrorId = Service + "." + ErrorReason.ApiKey,
                };
            }
            var watch = Stopwatch.StartNew();
            try
            {
                var page = await GetShopsPageAsync(1, 1, cancellationToken).ConfigureAwait(false);
                var result = new ConnectionTestResult
                {
                    Service = Service, BaseUrl = _connection.BaseUri.AbsoluteUri, Success = true, User = _connection.Username, Latency = watch.Elapsed,
                };
                result.Details["ShopCount"] = page.TotalItems ?? page.Items.Count;
                result.Notes.Add("Billbee's API does not report the user's role; the seed requires the user to be an administrator in Billbee.");
                return result;
            }
            catch (ServiceException ex)
            {
                var result = ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex, watch.Elapsed);
                result.User = _connection.Username;
                return result;
            }
        }

        /// <summary>Every state the API lists, with English and German names from billbee.md §6.</summary>
        public async Task<IReadOnlyList<BillbeeOrderState>> GetOrderStatesAsync(CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, "enums/orderstates") { Endpoint = "GET enums/orderstates" };
            return await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response))
                {
                    var root = doc.RootElement;
                    // The enum routes answer with a bare array; accept an envelope too in case that changes.
                    var items = root.ValueKind == JsonValueKind.Array ? root : EnvelopeData(root, response);
                    var list = new List<BillbeeOrderState>();
                    foreach (var item in items.EnumerateArray())
                    {
                        var id = item.Int("Id") ?? throw new FormatException("An order state has no Id.");
                        var known = BillbeeOrderStates.ById(id);
                        list.Add(new BillbeeOrderState(id, item.Str("Name") ?? known.Name, known.EnglishName, known.GermanName));
                    }
                    // Orders can be in a documented state the list leaves out (17 Retoure, billbee.md §6): keep it, marked as not listed.
                    foreach (var known in BillbeeOrderStates.All.Where(k => list.All(s => s.Id != k.Id)))
                        list.Add(new BillbeeOrderState(known.Id, known.Name, known.EnglishName, known.GermanName) { ListedByApi = false });
                    return (IReadOnlyList<BillbeeOrderState>)list.OrderBy(s => s.Id).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        // The stream itself and the transport's task, not an iterator and an async method around them: each of those is a
        // state machine the runtime compiles on a session's first call (Get-BillbeeShop is often that call).
        public IAsyncEnumerable<BillbeeShop> GetShopsAsync(CancellationToken cancellationToken) =>
            PagedSequence.Stream<BillbeeShop>(Service, "Reading Billbee shops", 1,
                (cursor, ct) => GetShopsPageAsync((int)cursor, BillbeeOrderQuery.MaxPageSize, ct), cancellationToken);

        Task<Page<BillbeeShop>> GetShopsPageAsync(int page, int pageSize, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, $"shopaccounts?page={page}&pageSize={pageSize}") { Endpoint = "GET shopaccounts" };
            return _transport.SendAsync(request, response => ParsePage(response, ReadShop, paging =>
                paging.Page < paging.TotalPages ? (object)(paging.Page + 1) : null), cancellationToken);
        }

        /// <summary>
        /// Streams orders matching the query. Pages are read by id (minimumBillBeeOrderId, always page 1), so
        /// orders that change state mid-run cannot shift pages and be skipped or repeated. The order within a
        /// page is undocumented (billbee.md §5), so the next page starts after the highest id seen, not after the
        /// last one; a page that cannot move the cursor ends the read with Billbee.PagingStalled.
        /// </summary>
        public IAsyncEnumerable<BillbeeOrder> GetOrdersAsync(BillbeeOrderQuery query, CancellationToken cancellationToken, Action<long> onTotal = null)
        {
            query = query ?? new BillbeeOrderQuery();
            if (query.PageSize < 1 || query.PageSize > BillbeeOrderQuery.MaxPageSize)
                throw new ArgumentOutOfRangeException(nameof(query), $"PageSize must be between 1 and {BillbeeOrderQuery.MaxPageSize}.");
            var first = query.MinimumOrderId ?? 0L;
            var gate = new object();
            long? total = null;
            return PagedSequence.Stream<BillbeeOrder>(Service, "Reading Billbee orders", first,
                async (cursor, nextCursorKnown, ct) =>
                {
                    var page = await GetOrdersPageAsync(query, (long)cursor, nextCursorKnown, ct).ConfigureAwait(false);
                    // The total is the first page's: later pages report only what remains, and one asked for ahead can
                    // finish before the first page's parse (or its retry) does, on another thread.
                    long? known;
                    var found = false;
                    lock (gate)
                    {
                        if (total == null && (long)cursor == first && page.TotalItems.HasValue) { total = page.TotalItems; found = true; }
                        known = total;
                    }
                    if (found) onTotal?.Invoke(known.Value);
                    return new Page<BillbeeOrder>(page.Items, page.Next, known);
                }, cancellationToken);
        }

        async Task<Page<BillbeeOrder>> GetOrdersPageAsync(BillbeeOrderQuery query, long minimumId, Action<object> nextCursorKnown, CancellationToken cancellationToken)
        {
            var q = new List<KeyValuePair<string, string>>
            {
                Pair("page", "1"),
                Pair("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture)),
            };
            if (minimumId > 0) q.Add(Pair("minimumBillBeeOrderId", minimumId.ToString(CultureInfo.InvariantCulture)));
            if (query.MinOrderDate.HasValue) q.Add(Pair("minOrderDate", FormatDate(query.MinOrderDate.Value)));
            if (query.MaxOrderDate.HasValue) q.Add(Pair("maxOrderDate", FormatDate(query.MaxOrderDate.Value)));
            if (query.ModifiedAfter.HasValue) q.Add(Pair("modifiedAtMin", FormatDate(query.ModifiedAfter.Value)));
            if (query.ModifiedUntil.HasValue) q.Add(Pair("modifiedAtMax", FormatDate(query.ModifiedUntil.Value)));
            foreach (var s in query.StateIds ?? new int[0]) q.Add(Pair("orderStateId", s.ToString(CultureInfo.InvariantCulture)));
            foreach (var s in query.ShopIds ?? new long[0]) q.Add(Pair("shopId", s.ToString(CultureInfo.InvariantCulture)));
            foreach (var t in query.Tags ?? new string[0]) q.Add(Pair("tag", t));
            if (query.ExcludeTags && query.Tags != null && query.Tags.Length > 0) q.Add(Pair("excludeTags", "true"));
            var request = new ApiRequest(HttpMethod.Get, "orders?" + ApiRequest.Query(q)) { Endpoint = "GET orders" };
            var page = await _transport.SendAsync(request, response =>
            {
                // The next page can be asked for while this one is parsed (a third of a page's time): its cursor read off the bytes.
                if (response.Utf8Body is ArraySegment<byte> body && NextCursorHint(body, minimumId, query.PageSize) is long next) nextCursorKnown(next);
                return ParseOrdersPage(response);
            }, cancellationToken).ConfigureAwait(false);
            return KeysetPage(page, minimumId, query.PageSize);
        }

        /// <summary>
        /// The cursor <see cref="KeysetPage"/> will give this answer, read off its bytes before the parse: the highest
        /// BillBeeOrderId plus one, when the page holds exactly <paramref name="pageSize"/> ids, Paging.TotalRows counts
        /// more and an id reached <paramref name="minimumId"/>. A scan for the key, not a parse (a twentieth of its cost):
        /// in valid JSON a quote before a colon ends a string, so "BillBeeOrderId": inside a value is written with escapes
        /// and never matches. Null wherever the bytes leave a doubt (the key written with escapes or spaces, an id as text,
        /// a short page): the read then waits for the parse, as before. Only a head start: the page's own cursor decides.
        /// </summary>
        internal static long? NextCursorHint(ArraySegment<byte> body, long minimumId, int pageSize)
        {
            var json = new ReadOnlySpan<byte>(body.Array, body.Offset, body.Count);
            var totalAt = json.IndexOf("\"TotalRows\":"u8);
            if (totalAt < 0 || !TryNumberAfter(json, totalAt + "\"TotalRows\":"u8.Length, out var total)) return null;
            var key = "\"BillBeeOrderId\":"u8;
            long count = 0, highest = long.MinValue;
            for (var rest = json; ;)
            {
                var at = rest.IndexOf(key);
                if (at < 0) break;
                if (!TryNumberAfter(rest, at + key.Length, out var id)) return null;
                count++;
                if (id > highest) highest = id;
                rest = rest.Slice(at + key.Length);
            }
            if (count != pageSize || total <= count || highest < minimumId || highest == long.MaxValue) return null;
            return highest + 1;
        }

        /// <summary>A plain non-negative JSON integer at <paramref name="start"/> (after optional blanks), ended by a delimiter.</summary>
        static bool TryNumberAfter(ReadOnlySpan<byte> json, int start, out long value)
        {
            value = 0;
            var i = start;
            while (i < json.Length && (json[i] == (byte)' ' || json[i] == (byte)'\t' || json[i] == (byte)'\r' || json[i] == (byte)'\n')) i++;
            var digits = i;
            for (; i < json.Length && json[i] >= (byte)'0' && json[i] <= (byte)'9'; i++)
            {
                if (value > (long.MaxValue - 9) / 10) return false;
                value = value * 10 + (json[i] - (byte)'0');
            }
            if (i == digits || i == json.Length) return false;
            var end = json[i];
            return end == (byte)',' || end == (byte)'}' || end == (byte)']' || end == (byte)' ' || end == (byte)'\t' || end == (byte)'\r' || end == (byte)'\n';
        }

        /// <summary>
        /// Keyset paging over one answer: ids below the asked minimum are repeats (a server that ignored the cursor)
        /// and ids seen twice in a page count once. More remain when the page was full and the service counts further
        /// rows; the next page starts after the highest id, whatever the order within the page. When no id reached the
        /// minimum, asking again would get the same answer: that is an error, not another call.
        /// </summary>
        internal static Page<BillbeeOrder> KeysetPage(Page<BillbeeOrder> page, long minimumId, int pageSize)
        {
            var seen = new HashSet<long>();
            var fresh = page.Items.Where(o => o.BillbeeOrderId >= minimumId && seen.Add(o.BillbeeOrderId)).ToList();
            var more = page.Items.Count == pageSize && (page.TotalItems ?? 0) > page.Items.Count;
            if (!more) return new Page<BillbeeOrder>(fresh, null, page.TotalItems);
            if (fresh.Count == 0)
                throw new ServiceException(Service, ErrorReason.PagingStalled,
                    $"Billbee's order paging did not move: asked for orders from id {minimumId}, it answered a full page of {page.Items.Count} with lower ids only (highest {page.Items.Max(o => o.BillbeeOrderId)})",
                    recommendedAction: "The read stopped instead of asking the same again (calls past 100 000 a month are billed). Try again later; if it persists, report it to Billbee support with the time of the read.");
            return new Page<BillbeeOrder>(fresh, fresh.Max(o => o.BillbeeOrderId) + 1, page.TotalItems);
        }

        public async Task<BillbeeOrder> GetOrderAsync(long billbeeOrderId, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, "orders/" + billbeeOrderId.ToString(CultureInfo.InvariantCulture)) { Endpoint = OrderByIdEndpoint, Resource = billbeeOrderId.ToString(CultureInfo.InvariantCulture) };
            return await _transport.SendAsync(request, response => ParseSingle(response, ReadOrder), cancellationToken).ConfigureAwait(false);
        }

        public async Task<BillbeeOrder> FindOrderByNumberAsync(string orderNumber, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(orderNumber)) throw new ArgumentException("An order number is required.", nameof(orderNumber));
            var request = new ApiRequest(HttpMethod.Get, "orders/findbyextref/" + Uri.EscapeDataString(orderNumber)) { Endpoint = "GET orders/findbyextref/{extRef}" };
            return await _transport.SendAsync(request, response => ParseSingle(response, ReadOrder), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Changes an order's state; Billbee may pass the change on to the shop (billbee.md §6).</summary>
        public async Task SetOrderStateAsync(long billbeeOrderId, int newStateId, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Put, $"orders/{billbeeOrderId.ToString(CultureInfo.InvariantCulture)}/orderstate") {
                Endpoint = "PUT orders/{id}/orderstate",
                // Not Idempotent: a state change can set off the shop's e-mails and automations each time it is applied.
                VerifyHint = $"Get-BillbeeOrder -Id {billbeeOrderId.ToString(CultureInfo.InvariantCulture)} shows the order's current state",
            }
                .WithJsonBody("{\"NewStateId\":" + newStateId.ToString(CultureInfo.InvariantCulture) + "}");
            await _transport.SendAsync(request, response =>
            {
                // Success is 200 with an empty body; an envelope with an ErrorCode is a refusal.
                if (!string.IsNullOrWhiteSpace(response.Body)) CheckEnvelope(response);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        sealed class Paging
        {
            public int Page;
            public int TotalPages;
            public long TotalRows;
        }

        static Page<T> ParsePage<T>(ApiResponse response, Func<JsonElement, T> read, Func<Paging, object> next, Func<IReadOnlyList<T>, Paging, object> nextFromItems = null)
        {
            using (var doc = JsonElementReader.Parse(response))
            {
                var root = doc.RootElement;
                var data = EnvelopeData(root, response);
                var pagingElement = root.Obj("Paging");
                var paging = pagingElement.ValueKind == JsonValueKind.Object
                    ? new Paging { Page = pagingElement.Int("Page") ?? 1, TotalPages = pagingElement.Int("TotalPages") ?? 1, TotalRows = pagingElement.Long("TotalRows") ?? 0 }
                    : new Paging { Page = 1, TotalPages = 1 };
                var items = new List<T>();
                if (data.ValueKind == JsonValueKind.Array) foreach (var item in data.EnumerateArray()) items.Add(read(item));
                else if (data.ValueKind != JsonValueKind.Null && data.ValueKind != JsonValueKind.Undefined) throw new FormatException("Data is not a list.");
                if (pagingElement.ValueKind != JsonValueKind.Object) paging.TotalRows = items.Count;
                var cursor = nextFromItems != null ? nextFromItems(items, paging) : next(paging);
                return new Page<T>(items, cursor, paging.TotalRows);
            }
        }

        static T ParseSingle<T>(ApiResponse response, Func<JsonElement, T> read)
        {
            using (var doc = JsonElementReader.Parse(response))
            {
                var data = EnvelopeData(doc.RootElement, response);
                if (data.ValueKind != JsonValueKind.Object) throw new FormatException("Data is not an object.");
                return read(data);
            }
        }

        static void CheckEnvelope(ApiResponse response)
        {
            using (var doc = JsonElementReader.Parse(response)) EnvelopeData(doc.RootElement, response);
        }

        /// <summary>Success is ErrorCode 0 with no ErrorMessage (what the official C# SDK tests).</summary>
        static JsonElement EnvelopeData(JsonElement root, ApiResponse response)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("The response is not a Billbee envelope.");
            var code = root.Int("ErrorCode") ?? 0;
            var message = root.Str("ErrorMessage");
            if (code != 0 || !string.IsNullOrEmpty(message)) throw BillbeeErrorInterpreter.FromEnvelope(code, message, response);
            return root.TryGetProperty("Data", out var data) ? data : default;
        }

        /// <summary>One answer of GET orders as the bulk read parses it (the bench times it beside the fetch).</summary>
        internal static Page<BillbeeOrder> ParseOrdersPage(ApiResponse response) => ParsePage(response, ReadOrder, paging => null);

        static readonly JsonFieldSet OrderFields = new JsonFieldSet("Seller", "Customer", "Buyer", "State", "InvoiceNumberPrefix", "InvoiceNumber", "InvoiceNumberPostfix",
            "BillBeeOrderId", "OrderNumber", "Id", "CreatedAt", "PayedAt", "ShippedAt", "LastModifiedAt", "UpdatedAt", "TotalCost", "ShippingCost", "Currency", "Tags", "OrderItems");

        static BillbeeOrder ReadOrder(JsonElement e)
        {
            var f = OrderFields.Read(e); // an order has some fifty properties: one pass, not one scan per field
            var seller = f.Obj("Seller");
            var customer = f.Obj("Customer");
            var buyer = f.Obj("Buyer");
            var state = f.Int("State") ?? 0;
            var invoice = string.Concat(f.Str("InvoiceNumberPrefix"), f.Str("InvoiceNumber"), f.Str("InvoiceNumberPostfix"));
            return new BillbeeOrder
            {
                BillbeeOrderId = f.Long("BillBeeOrderId") ?? throw new FormatException("An order has no BillBeeOrderId."),
                OrderNumber = f.Str("OrderNumber"),
                ExternalId = f.Str("Id"),
                State = state,
                StateName = BillbeeOrderStates.ById(state).EnglishName,
                CreatedAt = f.Date("CreatedAt"),
                PayedAt = f.Date("PayedAt"),
                ShippedAt = f.Date("ShippedAt"),
                LastModifiedAt = f.Date("LastModifiedAt") ?? f.Date("UpdatedAt"),
                TotalCost = f.Decimal("TotalCost"),
                ShippingCost = f.Decimal("ShippingCost"),
                Currency = f.Str("Currency"),
                ShopId = seller.ValueKind == JsonValueKind.Object ? seller.Long("BillbeeShopId") : null,
                ShopName = seller.ValueKind == JsonValueKind.Object ? seller.Str("BillbeeShopName") : null,
                Tags = new Output.TextList(f.Strings("Tags")),
                CustomerName = customer.ValueKind == JsonValueKind.Object ? customer.Str("Name")
                    : buyer.ValueKind == JsonValueKind.Object ? buyer.Str("FullName") : null,
                InvoiceNumber = string.IsNullOrEmpty(invoice) ? null : invoice,
                ItemCount = f.ArrayLength("OrderItems"),
            };
        }

        static BillbeeShop ReadShop(JsonElement e) => new BillbeeShop
        {
            Id = e.Long("Id") ?? throw new FormatException("A shop has no Id."),
            Name = e.Str("Name"),
            AccountType = e.Int("AccountType") ?? 0,
            LastSyncDate = e.Date("LastSyncDate"),
            LastSyncState = e.Int("LastSyncState"),
        };

        static KeyValuePair<string, string> Pair(string k, string v) => new KeyValuePair<string, string>(k, v);

        // ISO 8601 without offset, as Billbee's own dates are written (billbee.md §4-5).
        static string FormatDate(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        /// <summary>The limiter's state as plain numbers (Get-IntegrationConnection).</summary>
        public LimiterState Limiter => LimiterState.Of(_transport.Throttle);

        /// <summary>
        /// Any call (Invoke-BillbeeRequest) through this connection's transport: auth, the per-key, per-user and
        /// per-endpoint limits (GET orders/{id} counted per order), retries and error mapping, and an envelope whose
        /// ErrorCode is not 0 is the same error as for the module's own calls. The body parsed, whole.
        /// </summary>
        public async Task<object> SendRawAsync(RawRequest raw, CancellationToken cancellationToken)
        {
            var request = RawApiRequest(raw);
            return await _transport.SendAsync(request, response =>
            {
                var tree = JsonTree.Parse(response);
                if (tree is JsonObject envelope && HasEnvelopeError(envelope)) CheckEnvelope(response);
                return tree;
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A paged GET (page/pageSize, Paging.TotalPages): every page's Data items streamed as they arrive.</summary>
        public IAsyncEnumerable<object> SendRawPagedAsync(RawRequest raw, CancellationToken cancellationToken)
        {
            raw.RefusePagerKeys(Service, "page", "pageSize");
            return PagedSequence.Stream<object>(Service, "Reading Billbee " + raw.PathOnly, 1, async (cursor, ct) =>
            {
                var request = RawApiRequest(raw, Pair("page", ((int)cursor).ToString(CultureInfo.InvariantCulture)),
                    Pair("pageSize", BillbeeOrderQuery.MaxPageSize.ToString(CultureInfo.InvariantCulture)));
                return await _transport.SendAsync(request, response => ParsePage(response, JsonTree.From, paging =>
                    paging.Page < paging.TotalPages ? (object)(paging.Page + 1) : null), ct).ConfigureAwait(false);
            }, cancellationToken);
        }

        ApiRequest RawApiRequest(RawRequest raw, params KeyValuePair<string, string>[] extra)
        {
            var request = raw.ToApiRequest("", extra);
            // GET orders/{id} has its own limit per order: the same bucket and resource as Get-BillbeeOrder -Id.
            if (raw.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(raw.PathOnly, @"^orders/[0-9]+/?$"))
            {
                request.Endpoint = OrderByIdEndpoint;
                request.Resource = raw.PathOnly.TrimEnd('/').Substring("orders/".Length);
            }
            return request;
        }

        static bool HasEnvelopeError(JsonObject envelope)
        {
            foreach (var p in envelope.Properties)
            {
                if (p.Key == "ErrorCode" && p.Value is long code && code != 0) return true;
                if (p.Key == "ErrorMessage" && p.Value is string m && m.Length > 0) return true;
            }
            return false;
        }

        public void Dispose() => _transport.Dispose();
    }
}
