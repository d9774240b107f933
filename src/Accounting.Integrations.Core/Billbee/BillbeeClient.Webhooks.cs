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

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>Billbee webhooks (/webhooks, /webhooks/filters; billbee.md §7) and the API usage counter (/apiusage).</summary>
    public sealed partial class BillbeeClient
    {
        /// <summary>Billbee bills calls past this many a month (billbee.md §3).</summary>
        public const long IncludedCallsPerMonth = 100000;

        /// <summary>The webhook filters (event names) Billbee offers; the route answers a bare array of {Name, Description}.</summary>
        public async Task<IReadOnlyList<WebhookEvent>> GetWebhookEventsAsync(CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "webhooks/filters") { Endpoint = "GET webhooks/filters" }, response =>
                (IReadOnlyList<WebhookEvent>)BareList(response).Select(f => new WebhookEvent { Service = Service, Name = f.Str("Name"), Description = f.Str("Description") }).ToList(),
                cancellationToken).ConfigureAwait(false);

        public async Task<IReadOnlyList<WebhookSubscription>> GetWebhooksAsync(CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "webhooks") { Endpoint = "GET webhooks" }, response =>
                (IReadOnlyList<WebhookSubscription>)BareList(response).Select(ReadWebhook).ToList(), cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Registers a webhook (POST /webhooks; WebHookUri and Secret are required by the OpenAPI's WebHookApiModel).
        /// Billbee runs an echo test on the receiver, which ?noecho skips (the OpenAPI's description of the route);
        /// <paramref name="skipEcho"/> adds it. ASSUMPTION (billbee.md §7, from ASP.NET WebHooks): the test is a GET
        /// ?echo=… that wants the value back.
        /// </summary>
        public async Task<WebhookSubscription> AddWebhookAsync(Uri target, Secret secret, string[] filters, string description, bool skipEcho, CancellationToken cancellationToken)
        {
            var uri = target.AbsoluteUri;
            if (skipEcho) uri += (string.IsNullOrEmpty(target.Query) ? "?" : "&") + "noecho";
            var body = WebhookJson.Object(("WebHookUri", uri), ("Secret", secret.Reveal()), ("Description", description), ("IsPaused", false), ("Filters", filters));
            var request = new ApiRequest(HttpMethod.Post, "webhooks")
            {
                Endpoint = "POST webhooks",
                VerifyHint = "Get-BillbeeWebhook lists the webhooks; remove a duplicate with Remove-BillbeeWebhook",
            }.WithJsonBody(body);
            return await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    var item = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
                    return ReadWebhook(item);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        public async Task RemoveWebhookAsync(string id, CancellationToken cancellationToken)
        {
            // DELETE /webhooks without an id deletes every webhook (billbee.md §7): the id is checked to be non-empty.
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A webhook id is required; DELETE /webhooks without one removes all of them.", "Id");
            var request = new ApiRequest(HttpMethod.Delete, "webhooks/" + Uri.EscapeDataString(id))
            {
                Endpoint = "DELETE webhooks/{id}", Idempotent = true,
                VerifyHint = "Get-BillbeeWebhook no longer lists it once it is gone",
            };
            await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The API calls Billbee counted for the account (GET /apiusage). The route is in Billbee's help centre (billbee.md
        /// §3, verified there) but not in its OpenAPI document, and its answer is unverified (§7): ASSUMPTION, read as
        /// {Summaries:[{UserName, Data:{Count}}]}, bare or in the envelope, counting the current month. Beside it, the
        /// module's own count of the calls this process sent, labelled as such.
        /// </summary>
        public async Task<BillbeeApiUsage> GetApiUsageAsync(CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "apiusage") { Endpoint = "GET apiusage" }, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Data", out var d) && d.ValueKind == JsonValueKind.Object ? d : root;
                    if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("Summaries", out var summaries) || summaries.ValueKind != JsonValueKind.Array)
                        throw new FormatException("GET /apiusage has no Summaries list.");
                    var users = summaries.EnumerateArray().Select(s => new BillbeeApiUsageUser { UserName = s.Str("UserName"), Calls = s.Obj("Data").ValueKind == JsonValueKind.Object ? s.Obj("Data").Long("Count") ?? 0 : 0 }).ToArray();
                    var total = users.Sum(u => u.Calls);
                    return new BillbeeApiUsage { Users = users, Calls = total, IncludedPerMonth = IncludedCallsPerMonth, Remaining = Math.Max(0, IncludedCallsPerMonth - total), BilledCalls = Math.Max(0, total - IncludedCallsPerMonth), CallsSentByThisProcess = Limiter.CallsSent };
                }
            }, cancellationToken).ConfigureAwait(false);

        /// <summary>The webhook routes answer bare arrays (billbee.md §4); an envelope around one is read too.</summary>
        static List<JsonElement> BareList(ApiResponse response)
        {
            using (var doc = JsonElementReader.Parse(response.Body))
            {
                var root = doc.RootElement;
                var items = root.ValueKind == JsonValueKind.Array ? root : EnvelopeData(root, response);
                if (items.ValueKind != JsonValueKind.Array) throw new FormatException("The answer is not a list.");
                return items.EnumerateArray().Select(e => e.Clone()).ToList();
            }
        }

        static WebhookSubscription ReadWebhook(JsonElement w)
        {
            if (w.ValueKind != JsonValueKind.Object) throw new FormatException("A webhook is not an object.");
            var paused = w.Bool("IsPaused") ?? false;
            return new WebhookSubscription
            {
                Service = Service, Id = w.Str("Id") ?? w.Long("Id")?.ToString(CultureInfo.InvariantCulture) ?? throw new FormatException("A webhook has no Id."),
                Url = WebhookTarget.Redact(w.Str("WebHookUri")), Events = w.Strings("Filters") ?? new string[0], Enabled = !paused, Status = paused ? "Paused" : "Active",
                Name = w.Str("Description"),
            };
        }
    }

    /// <summary>Billbee API calls counted this month, next to the 100 000 included (calls past them are billed).</summary>
    public sealed class BillbeeApiUsage
    {
        public long Calls { get; set; }
        public long IncludedPerMonth { get; set; }
        public long Remaining { get; set; }
        public long BilledCalls { get; set; }
        public BillbeeApiUsageUser[] Users { get; set; } = new BillbeeApiUsageUser[0];
        /// <summary>The module's own count: calls this process sent to the account (every connection of it). Not Billbee's figure, which counts every client of the account.</summary>
        public long CallsSentByThisProcess { get; set; }
        /// <summary>Where Calls comes from.</summary>
        public string Source { get; set; } = "Billbee's figure: GET /apiusage (in Billbee's help centre, not in its OpenAPI; response shape unverified)";

        public override string ToString() => $"{Calls} of {IncludedPerMonth} calls this month";
    }

    public sealed class BillbeeApiUsageUser
    {
        public string UserName { get; set; }
        public long Calls { get; set; }
    }
}
