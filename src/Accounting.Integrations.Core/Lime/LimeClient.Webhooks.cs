using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// Lime webhooks (the webhooks plugin's subscription/ API, lime.md §1; shapes as Lime's own n8n node,
    /// transport/webhooks.ts, reads them) and the data model (limetype/?_embed=limetypes.properties).
    /// </summary>
    public sealed partial class LimeClient
    {
        /// <summary>
        /// The events subscription/available/ offers (limetype.new/.update/.delete, as Lime's own n8n trigger subscribes).
        /// ASSUMPTION (lime.md §1 names the route, not its answer): a list of names, a list of
        /// objects with name or event, or an object keyed by name are all read.
        /// </summary>
        public async Task<IReadOnlyList<WebhookEvent>> GetWebhookEventsAsync(CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "subscription/available/") { Endpoint = "GET subscription/available" }, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    IEnumerable<WebhookEvent> events;
                    if (root.ValueKind == JsonValueKind.Object && root.Obj("_embedded").ValueKind != JsonValueKind.Object && !root.TryGetProperty("events", out _))
                        events = root.EnumerateObject().Select(p => new WebhookEvent { Service = Service, Name = p.Name, Description = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null });
                    else
                    {
                        var list = root.ValueKind == JsonValueKind.Array ? root : root.TryGetProperty("events", out var e) ? e : root.Obj("_embedded").Obj("events");
                        if (list.ValueKind != JsonValueKind.Array) throw new FormatException("subscription/available/ is not a list of events.");
                        events = list.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                            ? new WebhookEvent { Service = Service, Name = item.GetString() }
                            : new WebhookEvent { Service = Service, Name = item.Str("name") ?? item.Str("event"), Description = item.Str("description") });
                    }
                    return (IReadOnlyList<WebhookEvent>)events.Where(e => !string.IsNullOrEmpty(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// The subscriptions: a bare array (what Lime's n8n node reads) or HAL with _embedded.subscriptions. ASSUMPTION
        /// (lime.md §1 gives no paging for subscription/): _limit as on the limeobject lists, _links.next followed if present.
        /// </summary>
        public async Task<IReadOnlyList<WebhookSubscription>> GetWebhooksAsync(CancellationToken cancellationToken)
        {
            var list = new List<WebhookSubscription>();
            await foreach (var s in ListAsync("subscription/?_limit=200", "subscriptions", "Reading Lime webhook subscriptions", cancellationToken, acceptBareArray: true).ConfigureAwait(false))
                list.Add(Read(() => ReadSubscription(s)));
            return list;
        }

        public async Task<WebhookSubscription> AddWebhookAsync(string name, string[] events, Uri target, Secret secret, CancellationToken cancellationToken)
        {
            var body = WebhookJson.Object(("name", name), ("events", events), ("target_url", target.AbsoluteUri), ("secret", secret?.Reveal()), ("enabled", true));
            var request = new ApiRequest(HttpMethod.Post, "subscription/")
            {
                Endpoint = "POST subscription",
                VerifyHint = "Get-LimeWebhook lists the subscriptions; remove a duplicate with Remove-LimeWebhook",
            }.WithJsonBody(body);
            return await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body)) return ReadSubscription(doc.RootElement);
            }, cancellationToken).ConfigureAwait(false);
        }

        public async Task RemoveWebhookAsync(string id, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Delete, "subscription/" + Uri.EscapeDataString(id) + "/")
            {
                Endpoint = "DELETE subscription/{id}", Idempotent = true,
                VerifyHint = "Get-LimeWebhook no longer lists it once it is gone",
            };
            await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        static WebhookSubscription ReadSubscription(JsonElement s)
        {
            if (s.ValueKind != JsonValueKind.Object) throw new FormatException("A subscription is not an object.");
            var enabled = s.Bool("enabled") ?? true;
            return new WebhookSubscription
            {
                Service = Service, Id = s.Str("id") ?? s.Long("id")?.ToString(CultureInfo.InvariantCulture) ?? throw new FormatException("A subscription has no id."),
                Name = s.Str("name"), Url = WebhookTarget.Redact(s.Str("target_url")), Events = s.Strings("events"), Enabled = enabled, Status = enabled ? "Enabled" : "Disabled",
            };
        }

        /// <summary>
        /// Every limetype the key's user can see, with its properties, in one call (GET limetype/?_embed=limetypes.properties).
        /// Properties the user's policies hide are absent, so a missing field can also mean "not readable by this key".
        /// </summary>
        public async Task<IReadOnlyList<LimeLimetype>> GetDataModelAsync(CancellationToken cancellationToken)
        {
            var list = new List<LimeLimetype>();
            await foreach (var t in ListAsync("limetype/?_embed=limetypes.properties", "limetypes", "Reading the Lime data model", cancellationToken).ConfigureAwait(false))
                list.Add(Read(() => ReadLimetype(t)));
            return list;
        }

        static LimeLimetype ReadLimetype(JsonElement t)
        {
            var embedded = t.Obj("_embedded");
            var properties = embedded.ValueKind == JsonValueKind.Object ? embedded.Array("properties") : t.Array("properties");
            var local = t.Obj("localname");
            return new LimeLimetype
            {
                Name = t.Str("name") ?? throw new FormatException("A limetype has no name."),
                LocalName = local.ValueKind == JsonValueKind.Object ? local.Str("singular") : t.Str("localname"),
                Properties = properties.Select(p =>
                {
                    var related = p.Obj("_links").Obj("related_type");
                    return new LimeProperty
                    {
                        Name = p.Str("name"), Type = p.Str("type"), Required = p.Bool("required") ?? false, Length = p.Int("length"),
                        RelatedLimetype = related.ValueKind == JsonValueKind.Object ? related.Str("name") : p.Str("relatedLimetype"),
                    };
                }).ToArray(),
            };
        }
    }

    /// <summary>A table of the Lime application, as the key's user sees it.</summary>
    public sealed class LimeLimetype
    {
        public string Name { get; set; }
        public string LocalName { get; set; }
        public LimeProperty[] Properties { get; set; } = new LimeProperty[0];

        public LimeProperty Property(string name) => Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => $"{Name} ({Properties.Length} properties)";
    }

    /// <summary>A field of a limetype: name, Lime type (string, text, integer, decimal, time, yesno, option, belongsto, hasmany, …).</summary>
    public sealed class LimeProperty
    {
        public string Name { get; set; }
        public string Type { get; set; }
        public bool Required { get; set; }
        public int? Length { get; set; }
        public string RelatedLimetype { get; set; }

        public override string ToString() => $"{Name}: {Type}";
    }
}
