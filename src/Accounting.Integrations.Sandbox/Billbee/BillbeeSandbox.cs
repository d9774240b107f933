using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Accounting.Integrations.Sandbox.Billbee;

/// <summary>A Billbee API user of the sandbox.</summary>
public sealed record BillbeeUser(string Username, string ApiPassword, bool ApiActivated);

/// <summary>
/// Billbee REST API v1 as billbee.md describes it: Basic auth plus X-Billbee-Api-Key, the envelope,
/// page/pageSize paging, the documented throttles answered with 429, and seeded shops and orders.
/// </summary>
public sealed partial class BillbeeSandbox : ISandboxService
{
    const string Prefix = "/billbee/api/v1";
    readonly BillbeeSandboxOptions _options;

    /// <summary>The knobs, changeable while running (tests switch the paging behaviour).</summary>
    public BillbeeSandboxOptions Options => _options;
    readonly object _gate = new();
    SandboxState _state = null!;

    public BillbeeSandbox(BillbeeSandboxOptions options, int seed, DateTime today)
    {
        _options = options;
        Today = today;
        ApiKey = "bbsandbox-" + Hex(seed, "key", 24);
        RevokedApiKey = "bbsandbox-" + Hex(seed, "revoked", 24);
        Admin = new BillbeeUser("admin@sandbox-shop.test", "Sbx-" + Hex(seed, "admin", 12) + "Aa1", true);
        ApiDisabledUser = new BillbeeUser("noapi@sandbox-shop.test", "Sbx-" + Hex(seed, "noapi", 12) + "Aa1", false);
        Shops = BillbeeData.Shops(seed, options.ShopCount, today);
        Orders = BillbeeData.Orders(seed, options.OrderCount, Shops, today);
    }

    static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    public string Name => "billbee";
    public string BasePath => "billbee/api/v1/";
    public DateTime Today { get; }
    public string ApiKey { get; }
    public string RevokedApiKey { get; }
    public BillbeeUser Admin { get; private set; }

    /// <summary>A new API password set in Billbee (Settings → System → Billbee API): clients with the old one get 401.</summary>
    public void ChangeAdminApiPassword(string newPassword) => Admin = Admin with { ApiPassword = newPassword };
    public BillbeeUser ApiDisabledUser { get; }
    public IReadOnlyList<SandboxShop> Shops { get; }
    /// <summary>The orders, ascending by id. Tests read them as the oracle; lock <see cref="SyncRoot"/> while they may change.</summary>
    public List<SandboxOrder> Orders { get; }
    public object SyncRoot => _gate;
    public IReadOnlyList<BillbeeUser> Users => new[] { Admin, ApiDisabledUser };

    public object DemoAccount() => new { apiKey = ApiKey, username = Admin.Username, apiPassword = Admin.ApiPassword, baseUrl = BasePath };

    public void Attach(SandboxState state) => _state = state;

    static string Hex(int seed, string purpose, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{purpose}")))[..length];

    public void Map(WebApplication app)
    {
        var api = app.MapGroup(Prefix);
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var refusal = Authenticate(http, out var user);
            if (refusal != null) return refusal;
            var throttled = Throttle(http, user!);
            if (throttled != null) return throttled;
            return await next(context);
        });

        api.MapGet("/shipment/ping", () => Results.Json(new { }, PascalCase));
        api.MapGet("/enums/orderstates", () =>
        {
            var names = new[] { "Bestellt", "Bestaetigt", "Zahlung_erhalten", "Versendet", "Reklamation", "Geloescht", "Abgeschlossen", "Storniert",
                "Archiviert", "Rated", "Mahnung", "Mahnung2", "Gepackt", "Angeboten", "Zahlungserinnerung", "Im_Fulfillment", "Retoure" };
            var count = _options.ListRetoureState ? 17 : 16;
            // A bare array with PascalCase keys, not the envelope (billbee.md §4).
            return Results.Json(Enumerable.Range(1, count).Select(i => new { Id = i, Name = names[i - 1] }), PascalCase);
        });
        api.MapGet("/shopaccounts", (HttpRequest request) =>
        {
            if (!Paging(request, out var page, out var size, out var bad)) return bad!;
            return Paged(Shops, page, size, BillbeeJson.Shop);
        });
        api.MapGet("/orders", (HttpRequest request) =>
        {
            if (!Paging(request, out var page, out var size, out var bad)) return bad!;
            var paging = _options.OrderPaging;
            if (!TryFilter(request.Query, out var filter, out var problem, ignoreMinimumId: paging == BillbeeOrderPaging.IgnoreMinimumId))
                return Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: problem));
            List<SandboxOrder> matching;
            lock (_gate) matching = Orders.Where(filter).ToList(); // ASSUMPTION (billbee.md §5): ascending BillBeeOrderId
            lock (_gate) return Paged(matching, page, size, BillbeeJson.Order, descendingWithinPage: paging == BillbeeOrderPaging.DescendingWithinPage);
        });
        api.MapGet("/orders/{id:long}", (long id, HttpContext http) =>
        {
            // Documented extra throttle: 6 calls per order per minute.
            if (_state.ThrottleEnabled && !_state.Throttle.TryAcquire(new[] { new WindowLimit($"order:{id}", 6, TimeSpan.FromMinutes(1)) }, out var wait, out _, SandboxState.ArrivalOf(http)))
                return TooMany(wait);
            lock (_gate)
            {
                var order = Orders.FirstOrDefault(o => o.BillbeeOrderId == id);
                return order == null ? NotFound() : Json(200, BillbeeJson.Envelope(w => BillbeeJson.Order(w, order)));
            }
        });
        api.MapGet("/orders/findbyextref/{extRef}", (string extRef) =>
        {
            lock (_gate)
            {
                var order = Orders.FirstOrDefault(o => o.OrderNumber == extRef || (o.ExternalId.Length > 0 && o.ExternalId == extRef));
                return order == null ? NotFound() : Json(200, BillbeeJson.Envelope(w => BillbeeJson.Order(w, order)));
            }
        });
        api.MapPut("/orders/{id:long}/orderstate", async (long id, HttpRequest request) =>
        {
            var body = await ReadJson(request);
            if (body is not { ValueKind: JsonValueKind.Object } || !body.Value.TryGetProperty("NewStateId", out var s) || !s.TryGetInt32(out var newState))
                return Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: "NewStateId is required."));
            if (newState < 1 || newState > 17)
                return Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: $"{newState} is not a valid order state."));
            lock (_gate)
            {
                var order = Orders.FirstOrDefault(o => o.BillbeeOrderId == id);
                if (order == null) return NotFound();
                order.State = newState;
                order.LastModifiedAt = DateTime.UtcNow;
            }
            return Results.Ok(); // 200 with an empty body (billbee.md §6)
        });
        api.MapPost("/orders/{id:long}/tags", async (long id, HttpRequest request) =>
        {
            var body = await ReadJson(request);
            if (body is not { ValueKind: JsonValueKind.Object } || !body.Value.TryGetProperty("Tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
                return Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: "Tags is required."));
            lock (_gate)
            {
                var order = Orders.FirstOrDefault(o => o.BillbeeOrderId == id);
                if (order == null) return NotFound();
                foreach (var t in tags.EnumerateArray().Select(t => t.GetString()).OfType<string>())
                    if (!order.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)) order.Tags.Add(t);
                order.LastModifiedAt = DateTime.UtcNow;
            }
            return Json(200, BillbeeJson.Envelope(null));
        });
    }

    IResult? Authenticate(HttpContext http, out BillbeeUser? user)
    {
        user = null;
        var key = http.Request.Headers["X-Billbee-Api-Key"].ToString();
        if (key != ApiKey)
            return Json(_options.KeyFailureStatus, """{"Message":"Invalid or missing API key (X-Billbee-Api-Key)."}"""u8.ToArray());
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { decoded = ""; }
            var colon = decoded.IndexOf(':');
            if (colon > 0)
            {
                var name = decoded[..colon];
                var password = decoded[(colon + 1)..];
                user = Users.FirstOrDefault(u => u.Username.Equals(name, StringComparison.OrdinalIgnoreCase) && u.ApiPassword == password);
            }
        }
        // ASP.NET Web API's default refusal body (billbee.md §2, ASSUMPTION until verified live).
        if (user == null) return Json(401, """{"Message":"Authorization has been denied for this request."}"""u8.ToArray());
        http.Items[SandboxState.IdentityItem] = user.Username;
        // ASSUMPTION (billbee.md §2, §4): an account without the API switched on is refused inside the envelope.
        if (!user.ApiActivated) return Json(403, BillbeeJson.Envelope(null, errorCode: 1, errorMessage: "The API is not activated for this account."));
        return null;
    }

    IResult? Throttle(HttpContext http, BillbeeUser user)
    {
        if (!_state.ThrottleEnabled) return null;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var identity = ApiKey + "|" + user.Username.ToLowerInvariant();
        var limits = new[]
        {
            new WindowLimit("key:" + ApiKey, 50, TimeSpan.FromSeconds(1)),
            new WindowLimit("user:" + identity, 10, TimeSpan.FromSeconds(1)),
            new WindowLimit("endpoint:" + identity + "|" + http.Request.Method + " " + route, 2, TimeSpan.FromSeconds(1)),
        };
        return _state.Throttle.TryAcquire(limits, out var wait, out _, SandboxState.ArrivalOf(http)) ? null : TooMany(wait);
    }

    IResult TooMany(TimeSpan wait)
    {
        var headers = new Dictionary<string, string>();
        if (_options.RetryAfterSeconds is { } fixedSeconds) headers["Retry-After"] = fixedSeconds.ToString(CultureInfo.InvariantCulture);
        else if (_options.RetryAfterFromWindow) headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new RawJson(429, """{"Message":"API rate limit exceeded."}"""u8.ToArray(), headers);
    }

    static IResult NotFound() => Json(404, BillbeeJson.Envelope(null, errorCode: 2, errorMessage: "Order not found."));

    static IResult Json(int status, byte[] body) => new RawJson(status, body, null);

    static async Task<JsonElement?> ReadJson(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static bool Paging(HttpRequest request, out int page, out int size, out IResult? bad)
    {
        page = 1;
        size = 50;
        bad = null;
        if (request.Query.TryGetValue("page", out var p) && (!int.TryParse(p, out page) || page < 1))
        {
            bad = Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: "page must be 1 or more."));
            return false;
        }
        if (request.Query.TryGetValue("pageSize", out var s) && (!int.TryParse(s, out size) || size < 1))
        {
            bad = Json(400, BillbeeJson.Envelope(null, errorCode: 11, errorMessage: "pageSize must be 1 or more."));
            return false;
        }
        size = Math.Min(size, 250); // documented maximum; ASSUMPTION: larger values are clamped, not refused
        return true;
    }

    static IResult Paged<T>(IReadOnlyList<T> all, int page, int size, Action<Utf8JsonWriter, T> write, bool descendingWithinPage = false)
    {
        var totalPages = (all.Count + size - 1) / size;
        var slice = all.Skip((page - 1) * size).Take(size).ToList();
        if (descendingWithinPage) slice.Reverse();
        return Json(200, BillbeeJson.Envelope(w =>
        {
            w.WriteStartArray();
            foreach (var item in slice) write(w, item);
            w.WriteEndArray();
        }, (page, totalPages, all.Count, size)));
    }

    /// <summary>The order filter of GET /orders (billbee.md §5), accepting the three array encodings clients send.</summary>
    static bool TryFilter(IQueryCollection query, out Func<SandboxOrder, bool> filter, out string? problem, bool ignoreMinimumId = false)
    {
        filter = _ => true;
        problem = null;
        var states = Values(query, "orderStateId").Select(v => int.TryParse(v, out var i) ? i : -1).ToHashSet();
        var shops = Values(query, "shopId").Select(v => long.TryParse(v, out var l) ? l : -1).ToHashSet();
        var tags = Values(query, "tag").ToList();
        var exclude = Values(query, "excludeTags").Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (states.Contains(-1) || shops.Contains(-1)) { problem = "orderStateId and shopId take numbers."; return false; }
        DateTime? minOrder = null, maxOrder = null, modMin = null, modMax = null;
        long? minimumId = null;
        foreach (var (name, set) in new (string, Action<DateTime>)[]
                 {
                     ("minOrderDate", d => minOrder = d), ("maxOrderDate", d => maxOrder = d),
                     ("modifiedAtMin", d => modMin = d), ("modifiedAtMax", d => modMax = d),
                 })
        {
            var text = Values(query, name).FirstOrDefault();
            if (text == null) continue;
            if (!TryDate(text, out var d)) { problem = $"{name} is not a date: {text}"; return false; }
            set(d);
        }
        var minIdText = Values(query, "minimumBillBeeOrderId").FirstOrDefault();
        if (minIdText != null)
        {
            if (!long.TryParse(minIdText, out var m)) { problem = "minimumBillBeeOrderId takes a number."; return false; }
            minimumId = ignoreMinimumId ? null : m;
        }
        filter = o =>
            (states.Count == 0 || states.Contains(o.State)) &&
            (shops.Count == 0 || shops.Contains(o.Shop.Id)) &&
            (tags.Count == 0 || (exclude
                ? !o.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase))
                : tags.All(t => o.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))) &&
            (minOrder == null || o.CreatedAt >= minOrder) &&
            (maxOrder == null || o.CreatedAt <= maxOrder) &&
            (modMin == null || o.LastModifiedAt > modMin) &&   // "newer than"
            (modMax == null || o.LastModifiedAt <= modMax) &&  // "older than or equal to"
            (minimumId == null || o.BillbeeOrderId >= minimumId);
        return true;
    }

    /// <summary>name=1&amp;name=2, name[0]=1&amp;name[1]=2 (percent-encoded or not).</summary>
    static IEnumerable<string> Values(IQueryCollection query, string name) =>
        query.Where(kv => kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase) ||
                          (kv.Key.StartsWith(name + "[", StringComparison.OrdinalIgnoreCase) && kv.Key.EndsWith(']')))
            .SelectMany(kv => kv.Value.Select(v => v ?? ""));

    static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" };

    /// <summary>Dates as clients send them; an offset is converted to UTC, a bare time is taken as given.</summary>
    static bool TryDate(string text, out DateTime date)
    {
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) { date = o.UtcDateTime; return true; }
        return false;
    }

    sealed class RawJson(int status, byte[] body, IDictionary<string, string>? headers) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (headers != null) foreach (var h in headers) http.Response.Headers[h.Key] = h.Value;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
