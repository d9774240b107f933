using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Tripletex;

/// <summary>The switches of the Tripletex webhook, sales-module and accountant emulation; changeable while running.</summary>
public sealed class TripletexGuideSwitches
{
    /// <summary>
    /// ASSUMPTION (tripletex.md §8.1, §13: unverified): the "Integrasjoner" add-on shows in /company/salesmodules as this
    /// name; null = not listed. API_V2 because help article 853 calls the add-on the "API 2.0" module; the OpenAPI's
    /// SalesModule enum has both API_V2 and INTEGRATION_PARTNER.
    /// </summary>
    public string? AddonModuleName { get; set; } = "API_V2";
    /// <summary>The subscription package (the add-on needs Smart or above, seed 001).</summary>
    public string PackageModuleName { get; set; } = "SMART";
    /// <summary>GET /company/salesmodules refuses with 403 (a [BETA] route the token may not reach).</summary>
    public bool SalesModulesForbidden { get; set; }
    /// <summary>Attempts per delivery before it counts as failed.</summary>
    public int DeliveryAttempts { get; set; } = 3;
    /// <summary>ASSUMPTION (tripletex.md §10 and the OpenAPI's Subscription.status name the state only): the number of failed deliveries after which Tripletex sets DISABLED_TOO_MANY_ERRORS is unpublished.</summary>
    public int DisableAfterFailedDeliveries { get; set; } = 3;
    public SignatureFault SignatureFault { get; set; }
    /// <summary>
    /// Which field of a /company/>withLoginAccess row holds the company id a login takes as its username. Tripletex's
    /// API overview says "&lt;target company id or 0&gt;" and, in its v2.32.0 text, "the ID from /company/>withLoginAccess";
    /// so by default it is the row's id. ASSUMPTION (tripletex-v2.openapi.json: Client.customerCompanyId has no
    /// description): customerCompanyId holds another number. Set to rehearse the other reading, where the row's id is
    /// the relation's and customerCompanyId the company's.
    /// </summary>
    public bool ClientLoginIdInCustomerCompanyId { get; set; }
}

/// <summary>
/// Tripletex webhooks (GET /event, /event/subscription; deliveries signed per tripletex.md §10), the sales modules,
/// and an accountant's token with client companies (GET /company/>withLoginAccess; username = client company id).
/// </summary>
public sealed partial class TripletexSandbox
{
    public const int AccountantCompanyId = 108_200_001;
    public const string AccountantCompanyName = "Nordlys Regnskap AS";

    /// <summary>
    /// The accountant's clients: the seeded company, and one whose add-on is not listed. RelationId is the other number
    /// a row carries (customerCompanyId by default, see <see cref="TripletexGuideSwitches.ClientLoginIdInCustomerCompanyId"/>).
    /// </summary>
    public static readonly (int CompanyId, int RelationId, string Name, string OrganizationNumber)[] Clients =
    {
        (TripletexData.CompanyId, 71_001, TripletexData.CompanyName, "987654321"),
        (108_300_002, 71_002, "Solberg Bakeri AS", "912345678"),
    };

    /// <summary>
    /// The event keys GET /event lists. ASSUMPTION beyond the documented examples (tripletex.md §10: customer.create,
    /// product.create, voucher.delete, closeGroup.create); the full list is only in a live GET /event.
    /// </summary>
    public static readonly string[] Events =
    {
        "customer.create", "customer.update", "customer.delete", "product.create", "product.update", "product.delete",
        "invoice.create", "order.create", "order.update", "voucher.create", "voucher.delete", "closeGroup.create",
    };

    public TripletexGuideSwitches Guide { get; } = new();
    public TripletexEmployee Accountant { get; } = new(18_500_001, "Anne", "Revisor", "anne@nordlys-regnskap.test", TripletexData.Entitlements.Select(e => e.Id).ToArray());
    public string AccountantEmployeeToken => EmployeeTokens.First(t => t.Value == Accountant).Key;
    public WebhookSender Deliveries { get; } = new();

    public sealed class Subscription
    {
        public long Id { get; init; }
        public string Event { get; init; } = "";
        public string TargetUrl { get; init; } = "";
        public string? Fields { get; init; }
        public string? AuthHeaderName { get; init; }
        public string? AuthHeaderValue { get; init; }
        public string? HmacSharedSecret { get; init; }
        public int CompanyId { get; init; }
        public string Status { get; set; } = "ACTIVE";
        public int FailedDeliveries { get; set; }
    }

    readonly ConcurrentDictionary<long, Subscription> _subscriptions = new();
    long _subscriptionIds = 4_100;

    /// <summary>The registered subscriptions, for tests and the control endpoint.</summary>
    public IReadOnlyList<Subscription> Subscriptions => _subscriptions.Values.OrderBy(s => s.Id).ToList();

    /// <summary>
    /// The company a request acts for: the login's client company, else the token owner's. ASSUMPTION (the OpenAPI says
    /// subscriptions are made "for current EmployeeToken" and nothing of companies): an accountant's token has its own
    /// subscriptions per client company it logs in to.
    /// </summary>
    static int CompanyOf(HttpContext http) => http.Items["tripletex.company"] is int c ? c : TripletexData.CompanyId;

    static string CompanyName(int id) => id == AccountantCompanyId ? AccountantCompanyName : Clients.FirstOrDefault(c => c.CompanyId == id).Name ?? TripletexData.CompanyName;

    void MapGuide(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/event", () => Json(new Dictionary<string, object?>
        {
            ["value"] = Events.ToDictionary(e => e, e => (object?)new Dictionary<string, object?> { ["description"] = $"Sent when a {e.Split('.')[0]} is {e.Split('.')[1]}d." }),
        }));
        api.MapGet("/event/subscription", (HttpContext http) =>
            Page(http, Subscriptions.Where(s => s.CompanyId == CompanyOf(http)).Select(SubscriptionJson).ToList(), "Checksum not yet supported for this endpoint"));
        api.MapGet("/event/subscription/{id:long}", (long id, HttpContext http) =>
            _subscriptions.TryGetValue(id, out var s) && s.CompanyId == CompanyOf(http) ? Json(new { value = SubscriptionJson(s) }) : Error(http, 404, 6000, "Object not found", null));
        api.MapPost("/event/subscription", async (HttpContext http) =>
        {
            JsonElement body;
            try { body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement.Clone(); }
            catch (JsonException) { return Error(http, 400, 4000, "Bad request", "The body is not JSON."); }
            string? Str(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var eventName = Str("event");
            var target = Str("targetUrl");
            if (eventName == null || !Events.Contains(eventName))
                return Error(http, 422, 15000, "Validering feilet.", null, ("event", $"Ugyldig hendelse: {eventName}. Se GET /v2/event."));
            // "Must be absolute and use HTTPS" (the spec); the sandbox also lets a loopback http receiver through for rehearsals.
            if (!WebhookSender.AcceptableTarget(target))
                return Error(http, 422, 15000, "Validering feilet.", null, ("targetUrl", "Must be absolute and use HTTPS."));
            var s = new Subscription
            {
                Id = Interlocked.Increment(ref _subscriptionIds), Event = eventName, TargetUrl = target!, Fields = Str("fields"),
                AuthHeaderName = Str("authHeaderName"), AuthHeaderValue = Str("authHeaderValue"), HmacSharedSecret = Str("hmacSharedSecret"), CompanyId = CompanyOf(http),
            };
            _subscriptions[s.Id] = s;
            return Results.Json(new { value = SubscriptionJson(s) }, statusCode: 201);
        });
        api.MapDelete("/event/subscription/{id:long}", (long id, HttpContext http) =>
            _subscriptions.TryGetValue(id, out var s) && s.CompanyId == CompanyOf(http) && _subscriptions.TryRemove(id, out _)
                ? Results.StatusCode(204) : Error(http, 404, 6000, "Object not found", null));

        api.MapGet("/company/salesmodules", (HttpContext http) =>
        {
            if (Guide.SalesModulesForbidden) return Error(http, 403, 9000, "Du har ikke tilgang til denne funksjonen.", "The employee lacks the privilege for this resource.");
            var names = new List<string> { Guide.PackageModuleName, "OCR", "ELECTRONIC_VOUCHERS" };
            // The second client company has not ordered the add-on: it is where the check must say so.
            if (Guide.AddonModuleName != null && CompanyOf(http) != Clients[1].CompanyId) names.Add(Guide.AddonModuleName);
            return Page(http, names.Select(n => new Dictionary<string, object?> { ["name"] = n, ["costStartDate"] = "2024-01-01" }).ToList(), "Checksum not yet supported for this endpoint");
        });
        api.MapGet("/company/>withLoginAccess", (HttpContext http) =>
        {
            var session = (Session)http.Items["tripletex.session"]!;
            var rows = session.Employee != Accountant ? new List<Dictionary<string, object?>>() : Clients.Select(c => new Dictionary<string, object?>
            {
                ["id"] = Guide.ClientLoginIdInCustomerCompanyId ? c.RelationId : c.CompanyId, ["version"] = 1,
                ["url"] = $"tripletex.no/v2/company/{(Guide.ClientLoginIdInCustomerCompanyId ? c.RelationId : c.CompanyId)}", ["name"] = c.Name, ["displayName"] = c.Name,
                ["organizationNumber"] = c.OrganizationNumber, ["type"] = "AS", ["customerCompanyId"] = Guide.ClientLoginIdInCustomerCompanyId ? c.CompanyId : c.RelationId,
                ["accountantOrSimilar"] = false,
            }).ToList();
            return Page(http, rows, "Checksum not yet supported for this endpoint");
        });

        // Control: what is registered, and fire an event at the registered receivers (as a change in Tripletex would).
        app.MapGet("/_sandbox/tripletex/webhooks", () => Results.Json(Subscriptions.Select(s => new
        {
            s.Id, s.Event, s.TargetUrl, s.Status, s.CompanyId, hasSecret = s.HmacSharedSecret != null, s.AuthHeaderName, s.FailedDeliveries,
        })));
        app.MapGet("/_sandbox/tripletex/deliveries", () => Results.Json(Deliveries.Log));
        app.MapPost("/_sandbox/tripletex/events/{eventName}", async (string eventName, int? id) => Results.Json(await FireAsync(eventName, id ?? 1)));
    }

    Dictionary<string, object?> SubscriptionJson(Subscription s) => new()
    {
        // The secret and the auth header's value are write-only: never echoed.
        ["id"] = s.Id, ["version"] = 0, ["url"] = $"tripletex.no/v2/event/subscription/{s.Id}", ["event"] = s.Event, ["targetUrl"] = s.TargetUrl,
        ["fields"] = s.Fields, ["status"] = s.Status, ["authHeaderName"] = s.AuthHeaderName,
    };

    /// <summary>Delivers <paramref name="eventName"/> for object <paramref name="objectId"/> to every active subscription of it.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> FireAsync(string eventName, int objectId)
    {
        var all = new List<WebhookDelivery>();
        foreach (var s in Subscriptions.Where(s => s.Event == eventName && s.Status == "ACTIVE"))
        {
            var payload = new Dictionary<string, object?>
            {
                ["subscriptionId"] = s.Id, ["event"] = s.Event, ["id"] = objectId,
                ["value"] = s.Event.EndsWith(".delete", StringComparison.Ordinal) ? null : new Dictionary<string, object?> { ["id"] = objectId, ["version"] = 1, ["url"] = $"tripletex.no/v2/{s.Event.Split('.')[0]}/{objectId}" },
            };
            var body = JsonSerializer.SerializeToUtf8Bytes(payload);
            var key = Guid.NewGuid().ToString();
            var headers = new Dictionary<string, string> { ["idempotency-key"] = key };
            if (s.AuthHeaderName != null && s.AuthHeaderValue != null) headers[s.AuthHeaderName] = s.AuthHeaderValue;
            if (s.HmacSharedSecret != null && Guide.SignatureFault != SignatureFault.Missing)
            {
                using var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(s.HmacSharedSecret));
                var signed = Encoding.UTF8.GetBytes(key + "&").Concat(body).ToArray();
                if (Guide.SignatureFault == SignatureFault.Wrong) signed[^1] ^= 1;
                headers["x-request-signature"] = Convert.ToBase64String(hmac.ComputeHash(signed));
            }
            var attempts = await Deliveries.DeliverAsync("tripletex", s.Id.ToString(CultureInfo.InvariantCulture), s.TargetUrl, s.Event, body, headers, Guide.DeliveryAttempts, _state.UtcNow);
            all.AddRange(attempts);
            if (attempts[^1].Status is >= 200 and < 300) s.FailedDeliveries = 0;
            else if (++s.FailedDeliveries >= Guide.DisableAfterFailedDeliveries) s.Status = "DISABLED_TOO_MANY_ERRORS";
        }
        return all;
    }
}
