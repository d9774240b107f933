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

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex webhooks ([BETA] /event, /event/subscription; tripletex.md §10): one subscription per event.</summary>
    public sealed partial class TripletexClient
    {
        /// <summary>The event keys (object.verb) Tripletex can deliver: GET /event answers a map of key to description.</summary>
        public async Task<IReadOnlyList<WebhookEvent>> GetWebhookEventsAsync(CancellationToken cancellationToken) =>
            await SendAsync(new ApiRequest(HttpMethod.Get, "event") { Endpoint = "GET event" }, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body))
                {
                    var value = doc.RootElement.Obj("value");
                    if (value.ValueKind != JsonValueKind.Object) throw new FormatException("GET /event has no value map.");
                    return (IReadOnlyList<WebhookEvent>)value.EnumerateObject()
                        .Select(p => new WebhookEvent { Service = Service, Name = p.Name, Description = p.Value.ValueKind == JsonValueKind.Object ? p.Value.Str("description") : null })
                        .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);

        public async Task<IReadOnlyList<WebhookSubscription>> GetWebhooksAsync(CancellationToken cancellationToken)
        {
            var list = new List<WebhookSubscription>();
            await foreach (var s in List("event/subscription", "fields=*", "Reading Tripletex webhook subscriptions", ReadSubscription, cancellationToken).ConfigureAwait(false))
                list.Add(s);
            return list;
        }

        /// <summary>
        /// Creates a subscription to one event. The secret and the auth header's value are write-only at Tripletex;
        /// they are sent once and never read back.
        /// </summary>
        public async Task<WebhookSubscription> AddWebhookAsync(string eventName, Uri targetUrl, string fields, Secret hmacSecret, string authHeaderName, Secret authHeaderValue, CancellationToken cancellationToken)
        {
            var body = WebhookJson.Object(("event", eventName), ("targetUrl", targetUrl.AbsoluteUri), ("fields", fields),
                ("authHeaderName", authHeaderName), ("authHeaderValue", authHeaderValue?.Reveal()), ("hmacSharedSecret", hmacSecret?.Reveal()));
            // Not idempotent: a repeat would make a second subscription and every event would arrive twice.
            var request = new ApiRequest(HttpMethod.Post, "event/subscription")
            {
                Endpoint = "POST event/subscription",
                VerifyHint = "Get-TripletexWebhook lists the subscriptions; remove a duplicate with Remove-TripletexWebhook",
            }.WithJsonBody(body);
            return await SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body)) return ReadSubscription(doc.RootElement.Obj("value"));
            }, cancellationToken).ConfigureAwait(false);
        }

        public async Task RemoveWebhookAsync(string id, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Delete, "event/subscription/" + Uri.EscapeDataString(id))
            {
                Endpoint = "DELETE event/subscription/{id}", Idempotent = true, // a second delete of the same id can only answer 404
                VerifyHint = "Get-TripletexWebhook no longer lists it once it is gone",
            };
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        static WebhookSubscription ReadSubscription(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Object) throw new FormatException("A subscription is not an object.");
            var status = v.Str("status") ?? "ACTIVE";
            return new WebhookSubscription
            {
                Service = Service, Id = (v.Long("id") ?? throw new FormatException("A subscription has no id.")).ToString(CultureInfo.InvariantCulture),
                Url = WebhookTarget.Redact(v.Str("targetUrl")), Events = new[] { v.Str("event") }.Where(e => e != null).ToArray(), Status = status,
                Enabled = status == "ACTIVE", Fields = v.Str("fields"), AuthHeaderName = v.Str("authHeaderName"),
            };
        }

        /// <summary>
        /// The company's active sales modules ([BETA] GET /company/salesmodules). Whether the "Integrasjoner" add-on shows
        /// as API_V2 or INTEGRATION_PARTNER is unverified (tripletex.md §7, §8).
        /// </summary>
        public async Task<IReadOnlyList<TripletexSalesModule>> GetSalesModulesAsync(CancellationToken cancellationToken)
        {
            var list = new List<TripletexSalesModule>();
            await foreach (var m in List("company/salesmodules", "fields=*", "Reading Tripletex sales modules",
                v => new TripletexSalesModule { Name = v.Str("name"), CostStartDate = v.Str("costStartDate") }, cancellationToken).ConfigureAwait(false))
                list.Add(m);
            return list;
        }

        /// <summary>
        /// The client companies an accountant's employee token can log in to (GET /company/>withLoginAccess, a list of
        /// Client). The login's username is the row's id: Tripletex's API overview says "&lt;target company id or 0&gt;"
        /// and, in its text of v2.32.0, "the ID from /company/>withLoginAccess can be used as username" (tripletex.md
        /// §2.4 names only the route). ASSUMPTION: what customerCompanyId holds is undocumented (the OpenAPI's Client
        /// schema gives it no description); it is shown, not used to log in.
        /// </summary>
        public async Task<IReadOnlyList<TripletexClientCompany>> GetClientCompaniesAsync(CancellationToken cancellationToken)
        {
            var list = new List<TripletexClientCompany>();
            await foreach (var c in List("company/>withLoginAccess", "fields=*", "Reading Tripletex client companies", v => new TripletexClientCompany
            {
                CompanyId = v.Long("id") ?? throw new FormatException("A client company has no id."), CustomerCompanyId = v.Long("customerCompanyId"),
                Name = v.Str("name") ?? v.Str("displayName"), OrganizationNumber = v.Str("organizationNumber"), Type = v.Str("type"),
            }, cancellationToken).ConfigureAwait(false))
                list.Add(c);
            return list;
        }
    }

    /// <summary>A sales module (functionality) active on the company.</summary>
    public sealed class TripletexSalesModule
    {
        public string Name { get; set; }
        public string CostStartDate { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>A client company an accountant's login can reach; log in to it with Connect-Tripletex -CompanyId.</summary>
    public sealed class TripletexClientCompany
    {
        /// <summary>The id Connect-Tripletex -CompanyId takes: the row's id (the username of the login to that company).</summary>
        public long CompanyId { get; set; }
        /// <summary>The row's customerCompanyId, as Tripletex gives it (its meaning is undocumented; not used to log in).</summary>
        public long? CustomerCompanyId { get; set; }
        public string Name { get; set; }
        public string OrganizationNumber { get; set; }
        public string Type { get; set; }

        public override string ToString() => $"{CompanyId} {Name}";
    }
}

namespace Accounting.Integrations.Core.Tripletex
{
    public sealed partial class TripletexClient
    {
        /// <summary>The transport's options, so a connection to another company of the same login can be made alike.</summary>
        internal Http.TransportOptions TransportOptions => _transport.Options;
    }

    public static class TripletexConnectionCompanies
    {
        /// <summary>The same tokens logged in to another company (an accountant's client): username = its company id.</summary>
        public static TripletexConnection ForCompany(this TripletexConnection connection, string companyId) =>
            new TripletexConnection(connection.Environment, connection.ConsumerToken, connection.EmployeeToken, connection.BaseUri, companyId, connection.SessionDays, connection.Client.TransportOptions);
    }
}
