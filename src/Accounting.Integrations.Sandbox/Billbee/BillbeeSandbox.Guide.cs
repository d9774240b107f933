using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Billbee;

/// <summary>The switches of the Billbee webhook and API-usage emulation; changeable while running.</summary>
public sealed class BillbeeGuideSwitches
{
    /// <summary>
    /// ASSUMPTION (billbee.md §7: "I found no list of filter names. Open."; §11.7): the names /webhooks/filters lists and
    /// POST /webhooks accepts. "*" is ASP.NET WebHooks' wildcard; the rest are plausible names.
    /// </summary>
    public string[] FilterNames { get; set; } = { "*", "order.created", "order.statechanged", "order.shipped", "order.paid", "product.stockchanged" };
    /// <summary>
    /// Registration runs an echo test, which ?noecho skips (the OpenAPI's POST /webhooks: "Attach ?noecho to the uri to
    /// prevent echo test"). ASSUMPTION (billbee.md §7: ASP.NET WebHooks' form): the test is GET ?echo=… wanting the value back.
    /// </summary>
    public bool EchoTest { get; set; } = true;
    /// <summary>ASSUMPTION (billbee.md §7: ASP.NET WebHooks' rule, inherited by Billbee only by inference): the secret must be 32 to 64 characters.</summary>
    public bool RequireSecretLength { get; set; } = true;
    public int DeliveryAttempts { get; set; } = 3;
    public SignatureFault SignatureFault { get; set; }
    /// <summary>GET /apiusage answers 404 (the route is outside the 2024 Swagger, billbee.md §7).</summary>
    public bool ApiUsageMissing { get; set; }
    /// <summary>Calls counted this month before the sandbox started (the module shows them next to the 100 000 included).</summary>
    public long ApiUsageBase { get; set; } = 41_230;
}

/// <summary>
/// Billbee webhooks (/webhooks, /webhooks/filters; the model of billbee.md §7 and the OpenAPI's WebHookApiModel) with
/// deliveries in ASP.NET WebHooks' format and ms-signature (ASSUMPTION: billbee.md §11.7 leaves the delivery body and the
/// signature header open; the OpenAPI has only the Secret field), and GET /apiusage (billbee.md §3: in Billbee's help
/// centre, not in the OpenAPI).
/// </summary>
public sealed partial class BillbeeSandbox
{
    /// <summary>The filters the sandbox offers (<see cref="BillbeeGuideSwitches.FilterNames"/>), each with a description.</summary>
    public IReadOnlyList<(string Name, string Description)> Filters => Guide.FilterNames.Select(n => (n, FilterDescriptions.TryGetValue(n, out var d) ? d : "Sandbox filter " + n)).ToList();

    static readonly Dictionary<string, string> FilterDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["*"] = "All events", ["order.created"] = "An order was imported or created", ["order.statechanged"] = "An order's state changed",
        ["order.shipped"] = "An order was shipped", ["order.paid"] = "An order was paid", ["product.stockchanged"] = "A product's stock changed",
    };

    public BillbeeGuideSwitches Guide { get; } = new();
    public WebhookSender Deliveries { get; } = new();

    public sealed record Webhook(string Id, string WebHookUri, string Secret, string? Description, bool IsPaused, string[] Filters);

    readonly ConcurrentDictionary<string, Webhook> _webhooks = new();

    public IReadOnlyList<Webhook> Webhooks => _webhooks.Values.OrderBy(w => w.Id, StringComparer.Ordinal).ToList();

    void MapGuide(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/webhooks/filters", () => Results.Json(Filters.Select(f => new { f.Name, f.Description }), PascalCase));
        api.MapGet("/webhooks", () => Results.Json(Webhooks.Select(WebhookJson), PascalCase));
        api.MapGet("/webhooks/{id}", (string id) => _webhooks.TryGetValue(id, out var w) ? Results.Json(WebhookJson(w), PascalCase) : Results.NotFound());
        api.MapPost("/webhooks", async (HttpRequest request) =>
        {
            var body = await ReadJson(request);
            string? Str(string name) => body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var uri = Str("WebHookUri");
            var secret = Str("Secret");
            var filters = body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("Filters", out var f) && f.ValueKind == JsonValueKind.Array
                ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : new[] { "*" };
            if (uri == null || secret == null) return Results.BadRequest(new { Message = "WebHookUri and Secret are required." });
            var noecho = uri.Contains("noecho", StringComparison.OrdinalIgnoreCase);
            var target = noecho ? StripNoEcho(uri) : uri;
            if (!WebhookSender.AcceptableTarget(target)) return Results.BadRequest(new { Message = "The WebHook URI must be an absolute https URI." });
            if (Guide.RequireSecretLength && (secret.Length < 32 || secret.Length > 64))
                return Results.BadRequest(new { Message = "The WebHook secret key parameter must be between 32 and 64 characters long." });
            var unknown = filters.Where(x => Filters.All(k => !k.Name.Equals(x, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0) return Results.BadRequest(new { Message = "The following filters are not valid: " + string.Join(", ", unknown) });
            if (Guide.EchoTest && !noecho)
            {
                var echo = Guid.NewGuid().ToString("N");
                var answer = await Deliveries.GetAsync(target + (target.Contains('?') ? "&" : "?") + "echo=" + echo);
                if (answer?.Trim() != echo) return Results.BadRequest(new { Message = "The WebHook verification request failed: the receiver did not echo the value back." });
            }
            var hook = new Webhook(Guid.NewGuid().ToString("N"), target, secret, Str("Description"), false, filters);
            _webhooks[hook.Id] = hook;
            return Results.Json(WebhookJson(hook), PascalCase); // 200: the OpenAPI's only answer to POST /webhooks
        });
        api.MapDelete("/webhooks/{id}", (string id) => _webhooks.TryRemove(id, out _) ? Results.Ok() : Results.NotFound());
        api.MapDelete("/webhooks", () => { _webhooks.Clear(); return Results.Ok(); });
        api.MapGet("/apiusage", (HttpContext http) =>
        {
            if (Guide.ApiUsageMissing) return Results.NotFound();
            // ASSUMPTION (billbee.md §7, the Panda fork's test): {Summaries:[{UserName, Data:{Count}}]}, in the envelope.
            var counted = Guide.ApiUsageBase + _state.Log.Snapshot("billbee").Count + 1;
            return Json(200, BillbeeJson.Envelope(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("Summaries");
                w.WriteStartObject();
                w.WriteString("UserName", Admin.Username);
                w.WriteStartObject("Data");
                w.WriteNumber("Count", counted);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        });

        app.MapGet("/_sandbox/billbee/webhooks", () => Results.Json(Webhooks.Select(w => new { w.Id, w.WebHookUri, w.Filters, w.IsPaused, hasSecret = w.Secret.Length > 0 })));
        app.MapGet("/_sandbox/billbee/deliveries", () => Results.Json(Deliveries.Log));
        app.MapPost("/_sandbox/billbee/events/{filter}", async (string filter, long? orderId) => Results.Json(await FireAsync(filter, orderId ?? Orders[0].BillbeeOrderId)));
    }

    static string StripNoEcho(string uri) => uri.Replace("?noecho&", "?").Replace("&noecho", "").Replace("?noecho", "");

    static object WebhookJson(Webhook w) => new
    {
        // ASSUMPTION (billbee.md §7 and the OpenAPI's WebHookApiModel do not say): the secret is not echoed back (write-only, as at Tripletex and Lime).
        w.Id, w.WebHookUri, Secret = (string?)null, w.Description, w.IsPaused, w.Filters, Headers = new Dictionary<string, string>(), Properties = new Dictionary<string, object>(),
    };

    /// <summary>Delivers the event to every webhook whose filters match, signed with its secret.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> FireAsync(string filter, long orderId)
    {
        var all = new List<WebhookDelivery>();
        foreach (var w in Webhooks.Where(w => !w.IsPaused && w.Filters.Any(f => f == "*" || f.Equals(filter, StringComparison.OrdinalIgnoreCase))))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["Id"] = Guid.NewGuid().ToString("N"), ["Attempt"] = 1, ["Properties"] = new Dictionary<string, object>(),
                ["Notifications"] = new[] { new Dictionary<string, object?> { ["Action"] = filter, ["OrderId"] = orderId } },
            });
            var headers = new Dictionary<string, string>();
            if (Guide.SignatureFault != SignatureFault.Missing)
            {
                using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(w.Secret));
                var signed = body.ToArray();
                if (Guide.SignatureFault == SignatureFault.Wrong) signed[^1] ^= 1;
                headers["ms-signature"] = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(signed));
            }
            all.AddRange(await Deliveries.DeliverAsync("billbee", w.Id, w.WebHookUri, filter, body, headers, Guide.DeliveryAttempts, _state.UtcNow));
        }
        return all;
    }
}
