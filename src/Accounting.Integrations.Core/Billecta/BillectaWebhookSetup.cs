using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>
    /// Billecta's webhooks have no API: they are set in the portal, per creditor (billecta.md §4.7). This is what to
    /// enter there so that events reach limepkg-billecta-integration's receiver in Lime.
    /// </summary>
    public sealed class BillectaWebhookSetup
    {
        public const string ReceiverPath = "limepkg-billecta-integration/billecta-webhook-receiver";
        public const string HeaderName = "x-api-key";
        public const string WebhookUser = "billectawebhook@api";

        /// <summary>The event names Billecta's docs table lists (billecta.md §4.7, verified).</summary>
        public static readonly string[] DocumentedEvents =
        {
            "InvoiceActionCreated", "InvoiceActionUpdated", "InvoiceActionPaid", "InvoiceActionStateChanged", "InvoiceActionAttested", "InvoiceActionViewed",
            "InvoiceActionOpened", "InvoiceActionReceived", "InvoiceActionDeleted", "InvoiceCommented", "InvoicePaymentReceived", "AmountCreditedOnInvoice",
            "AmountWrittenOffOnInvoice", "ReconciliationInvoiceActionCreated", "UndeliveredInvoice", "InvoiceSaleWasAccepted", "InvoiceSaleWasDenied",
        };

        public Uri ReceiverUrl { get; set; }
        public string Header { get; set; } = HeaderName;
        public string HeaderValue { get; set; }
        public string PortalUrl { get; set; }
        public string Creditor { get; set; }
        public Output.TextList Events { get; set; }
        public Output.TextList Steps { get; set; }

        /// <summary>
        /// The receiver of the Lime application whose REST API is at <paramref name="limeApiBase"/> (…/{application}/api/v1/).
        /// ASSUMPTION (lime.md §7 and billecta.md §7 write the receiver as /{database}/limepkg-billecta-integration/…; lime.md §1
        /// writes the API as /{database}/api/v1/ for cloud): the package docs' {database} is that application segment.
        /// </summary>
        public static Uri ReceiverFor(Uri limeApiBase)
        {
            if (limeApiBase == null || !limeApiBase.IsAbsoluteUri) throw new ArgumentException("Give the Lime API's absolute base URL (https://<host>/<application>/api/v1/).", "LimeBaseUrl");
            var path = limeApiBase.AbsolutePath.TrimEnd('/');
            const string api = "/api/v1";
            if (!path.EndsWith(api, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{limeApiBase}' does not end in /api/v1/; give the Lime API's base URL (https://<host>/<application>/api/v1/).", "LimeBaseUrl");
            return new Uri(limeApiBase, path.Substring(0, path.Length - api.Length) + "/" + ReceiverPath);
        }

        public static BillectaWebhookSetup For(Uri limeApiBase, string creditor, bool test, string[] events)
        {
            var receiver = ReceiverFor(limeApiBase);
            var chosen = events != null && events.Length > 0 ? events : DocumentedEvents;
            var portal = test ? "https://apitest.billecta.com" : "https://app.billecta.com";
            var who = string.IsNullOrEmpty(creditor) ? "the creditor" : $"the creditor '{creditor}'";
            return new BillectaWebhookSetup
            {
                ReceiverUrl = receiver, PortalUrl = portal, Creditor = creditor, Events = chosen,
                HeaderValue = $"the API key of {WebhookUser} (made in Lime Admin after the package's setup; kept in the password manager)",
                Steps = new[]
                {
                    $"In Lime Admin, create an API key for {WebhookUser} (the user the package's setup created) and save it in the password manager.",
                    $"Sign in to the Billecta portal ({portal}) as an administrator of {who}.",
                    "Open Settings > Addons > Webhooks (the setting is per creditor: choose the creditor first).",
                    $"Add a webhook with the URL {receiver.AbsoluteUri}",
                    $"Add a custom header named {HeaderName} whose value is the API key of {WebhookUser}.",
                    "Tick the event types: " + string.Join(", ", chosen) + ". The package's own list of supported events is not published; these are the ones Billecta documents.",
                    "Save. Then run Test-BillectaWebhookReceiver with the same key: the receiver must refuse a call without the key and accept it with the key.",
                },
            };
        }
    }

    /// <summary>
    /// Checks the Lime receiver's gate without sending an event: one GET without the key (must be refused) and one
    /// with it (must get past the key check). A GET carries no delivery, so nothing is processed.
    /// ASSUMPTION (lime.md §7 and billecta.md §7 give the receiver's path and key only): the receiver checks the key
    /// before the method, as Lime's endpoints do (404 without a valid key,
    /// lime.md §1), and answers a GET with the key with 405 or 200, which is "key accepted".
    /// </summary>
    public static class BillectaWebhookReceiverProbe
    {
        public static async Task<BillectaReceiverCheck> ProbeAsync(Uri receiver, Secret webhookKey, TransportOptions options, CancellationToken cancellationToken)
        {
            if (webhookKey == null || webhookKey.IsEmpty) throw new ArgumentException("Give the API key of billectawebhook@api.", "WebhookApiKey");
            var parent = new Uri(receiver, ".");
            var leaf = receiver.AbsoluteUri.Substring(parent.AbsoluteUri.Length);
            var check = new BillectaReceiverCheck { ReceiverUrl = receiver.AbsoluteUri };
            check.WithoutKeyStatus = await StatusAsync(parent, leaf, null, options, cancellationToken).ConfigureAwait(false);
            check.WithKeyStatus = await StatusAsync(parent, leaf, webhookKey, options, cancellationToken).ConfigureAwait(false);
            bool Refused(int? s) => s == 401 || s == 403 || s == 404;
            check.RefusesWithoutKey = Refused(check.WithoutKeyStatus);
            check.AcceptsKey = check.WithKeyStatus.HasValue && !Refused(check.WithKeyStatus) && check.WithKeyStatus < 500;
            var problems = new List<string>();
            if (!check.RefusesWithoutKey)
                problems.Add(check.WithoutKeyStatus.HasValue
                    ? $"Without the key the receiver answered {check.WithoutKeyStatus}: anyone can post events to it. Check that the endpoint requires the x-api-key of billectawebhook@api."
                    : "The receiver did not answer.");
            if (!check.AcceptsKey)
                problems.Add(check.WithKeyStatus == 404 || check.WithKeyStatus == 401
                    ? "With the key the receiver still answered " + check.WithKeyStatus + ": the key is wrong or revoked, billectawebhook@api is inactive, or the package is not installed (no receiver at this URL)."
                    : check.WithKeyStatus == 403
                        ? "With the key the receiver answered 403: billectawebhook@api lacks rights (the group Billecta webhook and its policies)."
                        : $"With the key the receiver answered {(check.WithKeyStatus?.ToString() ?? "nothing")}.");
            check.Passed = problems.Count == 0;
            check.Problems = problems.ToArray();
            check.Detail = check.Passed
                ? $"Refused without the key ({check.WithoutKeyStatus}), accepted with it ({check.WithKeyStatus}); no event was sent."
                : string.Join(" ", problems);
            return check;
        }

        static async Task<int?> StatusAsync(Uri parent, string leaf, Secret key, TransportOptions options, CancellationToken cancellationToken)
        {
            var probeOptions = (options ?? new TransportOptions()).Clone();
            probeOptions.MaxAttempts = 1; // an answer is the finding; a refusal is not to be retried
            using (var transport = new ApiTransport("Lime", parent, probeOptions, null, new StatusOnly(), (message, ct) =>
            {
                if (key != null) message.Headers.TryAddWithoutValidation(BillectaWebhookSetup.HeaderName, key.Reveal());
                return Task.CompletedTask;
            }))
            {
                try
                {
                    var response = await transport.SendAsync(new ApiRequest(HttpMethod.Get, leaf) { Endpoint = "GET billecta-webhook-receiver" }, cancellationToken).ConfigureAwait(false);
                    return response.StatusCode;
                }
                catch (ServiceException ex) when (ex.HttpStatus.HasValue)
                {
                    return ex.HttpStatus;
                }
            }
        }

        sealed class StatusOnly : IErrorInterpreter
        {
            public string RequestIdOf(ApiResponse response) => null;
            public ServiceException Interpret(ApiResponse response) =>
                new ServiceException("Lime", ErrorReason.Unknown, "The receiver answered " + response.StatusCode, response.StatusCode);
        }
    }

    /// <summary>What the receiver answered without and with the webhook key.</summary>
    public sealed class BillectaReceiverCheck
    {
        public string ReceiverUrl { get; set; }
        public int? WithoutKeyStatus { get; set; }
        public int? WithKeyStatus { get; set; }
        public bool RefusesWithoutKey { get; set; }
        public bool AcceptsKey { get; set; }
        public bool Passed { get; set; }
        public Output.TextList Problems { get; set; } = new string[0];
        public string Detail { get; set; }

        public override string ToString() => Detail;
    }
}
