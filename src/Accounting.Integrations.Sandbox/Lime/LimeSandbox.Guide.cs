using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Lime;

/// <summary>The switches of the Lime webhook, data-model and Billecta-receiver emulation; changeable while running.</summary>
public sealed class LimeGuideSwitches
{
    public int DeliveryAttempts { get; set; } = 3;
    public SignatureFault SignatureFault { get; set; }
    /// <summary>limepkg-billecta-integration is installed: its webhook receiver exists.</summary>
    public bool BillectaReceiverInstalled { get; set; } = true;
    /// <summary>A fault: the receiver takes calls without the key.</summary>
    public bool BillectaReceiverOpen { get; set; }
    /// <summary>
    /// ASSUMPTION (lime.md §7 and billecta.md §7 give only the receiver's path and its x-api-key; Billecta delivers by
    /// POST, billecta.md §4.7): what the receiver answers a GET that carries the right key; 405 is what a POST-only
    /// endpoint behind the key check answers. Without a valid key it answers 404, as Lime's authenticated endpoints do
    /// (lime.md §1, from the Billecta package's docs).
    /// </summary>
    public int BillectaReceiverGetStatus { get; set; } = 405;
}

/// <summary>
/// Lime's webhooks plugin (subscription/, subscription/available/; deliveries as Lime's n8n trigger reads them, signed
/// with X-Lime-Signature), the data model in one call (limetype/?_embed=limetypes.properties), and the Billecta
/// package's webhook receiver (x-api-key of billectawebhook@api).
/// </summary>
public sealed partial class LimeSandbox
{
    public const string WebhookUsersGroup = "Webhook Users";
    public const string ReceiverPath = "/lime/fjordvik/limepkg-billecta-integration/billecta-webhook-receiver";

    public LimeGuideSwitches Guide { get; } = new();
    public WebhookSender Deliveries { get; } = new();

    public sealed record Subscription(string Id, string? Name, string[] Events, string TargetUrl, string? Secret, bool Enabled);

    readonly ConcurrentDictionary<string, Subscription> _subscriptions = new();
    readonly ConcurrentQueue<string> _billectaEvents = new();
    int _subscriptionIds = 300;

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    /// <summary>Bodies the Billecta receiver accepted (a probe must leave this empty).</summary>
    public IReadOnlyList<string> BillectaEvents => _billectaEvents.ToList();

    /// <summary>
    /// The data model the sandbox serves. ASSUMPTION: the Billecta package's own fields are not published (lime.md §4);
    /// these are plausible ones, with the types Lime uses (string, text, integer, decimal, time, yesno, option, belongsto, hasmany).
    /// </summary>
    (string Name, string Type)[]? PropertiesOf(string name) => name.ToLowerInvariant() switch
    {
        "integration_monitor_log" => new[] { ("integration_monitor", "belongsto"), ("status", "option"), ("message", "text") },
        "integration_monitor" => new[] { ("name", "string"), ("integration_key", "string"), ("type", "option"), ("active", "yesno"), ("alertstatus", "option"), ("alerttext", "string") },
        "invoice" => new[] { ("name", "string"), ("status", "option"), ("total", "decimal"), ("invoicenumber", "string"), ("invoicedate", "time"), ("duedate", "time"), ("ocr", "string"), ("billecta_id", "string"), ("creditordebtor", "belongsto"), ("invoicerow", "hasmany") },
        "invoicerow" => new[] { ("name", "string"), ("status", "option"), ("total", "decimal"), ("quantity", "decimal"), ("unitprice", "decimal"), ("vat", "decimal"), ("invoice", "belongsto"), ("article", "belongsto") },
        "payment" => new[] { ("name", "string"), ("status", "option"), ("total", "decimal"), ("amount", "decimal"), ("paymentdate", "time"), ("invoice", "belongsto") },
        "creditor" => new[] { ("name", "string"), ("status", "option"), ("total", "decimal"), ("billecta_creditorid", "string"), ("orgno", "string") },
        "creditordebtor" => new[] { ("name", "string"), ("status", "option"), ("total", "decimal"), ("billecta_debtorid", "string"), ("creditor", "belongsto") },
        _ when Policies.Tables.Contains(name, StringComparer.OrdinalIgnoreCase) => new[] { ("name", "string"), ("status", "option"), ("total", "decimal") },
        _ => null,
    };

    /// <summary>
    /// The events: limetype.new, .update and .delete (lime.md §1's company.new; the events Lime's own n8n trigger offers,
    /// LimeCrmTrigger.node.ts). ASSUMPTION (lime.md §1 names subscription/available/ without its answer): a bare JSON
    /// array of those names, for every table the sandbox models.
    /// </summary>
    IEnumerable<string> AvailableEvents => Policies.Tables.Concat(new[] { "company", "person", "deal" }).Distinct(StringComparer.OrdinalIgnoreCase)
        .SelectMany(t => new[] { t + ".new", t + ".update", t + ".delete" }).OrderBy(e => e, StringComparer.Ordinal);

    void MapGuide(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/limetype/", (HttpContext http) =>
        {
            var user = (LimeUser)http.Items["lime.user"]!;
            var types = Policies.Tables.Where(t => Policies.Allows(user, t, 'R')).OrderBy(t => t, StringComparer.Ordinal)
                .Select(t => new Dictionary<string, object?>
                {
                    ["name"] = t, ["localname"] = new { singular = t, plural = t },
                    ["_embedded"] = new { properties = PropertiesOf(t)!.Where(p => Policies.Allows(user, t + "." + p.Name, 'R')).Select(p => new { name = p.Name, type = p.Type, localname = p.Name, required = false }) },
                    ["_links"] = new { self = new { href = $"limetype/{t}/" } },
                });
            return Results.Json(new Dictionary<string, object> { ["_embedded"] = new { limetypes = types }, ["_links"] = new { self = new { href = "limetype/" } } }, Plain);
        });
        api.MapGet("/subscription/available/", (HttpContext http) => Forbidden(http) ?? Results.Json(AvailableEvents, Plain));
        api.MapGet("/subscription/", (HttpContext http) => Forbidden(http) ?? Results.Json(Subscriptions.Select(SubscriptionJson), Plain));
        api.MapGet("/subscription/{id}/", (string id, HttpContext http) =>
            Forbidden(http) ?? (_subscriptions.TryGetValue(id, out var s) ? Results.Json(SubscriptionJson(s), Plain) : NotFound()));
        api.MapPost("/subscription/", async (HttpContext http) =>
        {
            if (Forbidden(http) is { } refused) return refused;
            JsonElement body;
            try { body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement.Clone(); }
            catch (JsonException) { return Results.Json(new { message = "The body is not JSON" }, statusCode: 400); }
            string? Str(string n) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var events = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : Array.Empty<string>();
            if (events.Length == 0) return Results.Json(new { message = "events is required" }, statusCode: 400);
            var unknown = events.Except(AvailableEvents).ToList();
            if (unknown.Count > 0) return Results.Json(new { message = "Unknown events: " + string.Join(", ", unknown) }, statusCode: 400);
            if (!WebhookSender.AcceptableTarget(Str("target_url"))) return Results.Json(new { message = "target_url must be an absolute https URL" }, statusCode: 400);
            var s = new Subscription(Interlocked.Increment(ref _subscriptionIds).ToString(System.Globalization.CultureInfo.InvariantCulture), Str("name"), events, Str("target_url")!, Str("secret"),
                !(body.TryGetProperty("enabled", out var en) && en.ValueKind == JsonValueKind.False));
            _subscriptions[s.Id] = s;
            // ASSUMPTION (lime.md §1 gives no statuses; Lime's n8n node reads only the body): 201 here, 204 on delete.
            return Results.Json(SubscriptionJson(s), Plain, statusCode: 201);
        });
        api.MapDelete("/subscription/{id}/", (string id, HttpContext http) =>
            Forbidden(http) ?? (_subscriptions.TryRemove(id, out _) ? Results.StatusCode(204) : NotFound()));

        // The Billecta package's receiver: outside /api/v1, keyed by the webhook user's x-api-key (lime.md §7).
        app.MapMethods(ReceiverPath, new[] { "GET", "POST", "PUT", "DELETE" }, async (HttpContext http) =>
        {
            if (!Guide.BillectaReceiverInstalled) return NotFound();
            var key = http.Request.Headers["x-api-key"].ToString();
            var user = Users.FirstOrDefault(u => u.ApiKey != null && u.ApiKey == key && u.Active);
            if (user == null && !Guide.BillectaReceiverOpen) return NotFound(); // as Lime hides unauthenticated calls
            if (user != null && user.Username != "billectawebhook@api" && !user.IsAdmin) return Results.Json(new { message = "Forbidden" }, statusCode: 403);
            if (!HttpMethods.IsPost(http.Request.Method)) return Results.Json(new { message = "Method Not Allowed" }, statusCode: Guide.BillectaReceiverGetStatus);
            using var reader = new StreamReader(http.Request.Body);
            _billectaEvents.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });

        app.MapGet("/_sandbox/lime/webhooks", () => Results.Json(Subscriptions.Select(s => new { s.Id, s.Name, s.Events, s.TargetUrl, s.Enabled, hasSecret = s.Secret != null })));
        app.MapGet("/_sandbox/lime/deliveries", () => Results.Json(Deliveries.Log));
        app.MapPost("/_sandbox/lime/events/{eventName}", async (string eventName, int? id) => Results.Json(await FireAsync(eventName, id ?? 1001)));
    }

    /// <summary>The caller must be an administrator or in the group Webhook Users (lime.md §1).</summary>
    static IResult? Forbidden(HttpContext http)
    {
        var user = (LimeUser)http.Items["lime.user"]!;
        return user.IsAdmin || user.Groups.Contains(WebhookUsersGroup) ? null : Results.Json(new { message = "Forbidden: only administrators and Webhook Users manage subscriptions" }, statusCode: 403);
    }

    static Dictionary<string, object?> SubscriptionJson(Subscription s) => new()
    {
        ["id"] = s.Id, ["name"] = s.Name, ["enabled"] = s.Enabled, ["events"] = s.Events, ["target_url"] = s.TargetUrl, // the secret is never echoed
    };

    /// <summary>Delivers the event for object <paramref name="id"/> to every enabled subscription of it.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> FireAsync(string eventName, int id)
    {
        var all = new List<WebhookDelivery>();
        foreach (var s in Subscriptions.Where(s => s.Enabled && s.Events.Contains(eventName)))
        {
            var limetype = eventName.Split('.')[0];
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["event"] = eventName,
                ["body"] = new Dictionary<string, object?> { ["id"] = id, ["limetype"] = limetype, ["values"] = new Dictionary<string, object?> { ["name"] = $"{limetype} {id}" } },
            });
            var headers = new Dictionary<string, string>();
            if (s.Secret != null && Guide.SignatureFault != SignatureFault.Missing)
            {
                using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(s.Secret));
                var signed = body.ToArray();
                if (Guide.SignatureFault == SignatureFault.Wrong) signed[^1] ^= 1;
                headers["X-Lime-Signature"] = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(signed));
            }
            all.AddRange(await Deliveries.DeliverAsync("lime", s.Id, s.TargetUrl, eventName, body, headers, Guide.DeliveryAttempts, _state.UtcNow));
        }
        return all;
    }
}
