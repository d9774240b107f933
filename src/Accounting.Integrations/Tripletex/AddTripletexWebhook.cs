using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>
    /// Add-TripletexWebhook: subscribes a receiver to Tripletex events (POST /event/subscription, one subscription
    /// per event), signed with -Secret (x-request-signature) and optionally carrying a custom auth header.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TripletexWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class AddTripletexWebhook : WebhookCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0)]
        public Uri Url { get; set; }

        /// <summary>Event keys (object.verb, e.g. customer.create); Get-TripletexWebhookEvent lists them.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Event { get; set; }

        /// <summary>The HMAC shared secret: each delivery then carries x-request-signature.</summary>
        [Parameter]
        public SecureString Secret { get; set; }

        /// <summary>The fields of the object delivered with each event, e.g. "id,version,name".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Fields { get; set; }

        [Parameter]
        [ValidatePattern("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
        public string AuthHeaderName { get; set; }

        [Parameter]
        public SecureString AuthHeaderValue { get; set; }

        [Parameter]
        public TripletexConnection Connection { get; set; }

        const string ConnectCommand = "Connect-Tripletex";
        private protected override WebhookApi Api() => TripletexWebhookApi.For(ResolveConnection(Connection, ConnectCommand));

        protected override void ProcessRecord()
        {
            RequireTarget(Url);
            var events = Event.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            var bad = events.FirstOrDefault(e => !System.Text.RegularExpressions.Regex.IsMatch(e, @"^[A-Za-z][A-Za-z0-9]*\.[A-Za-z]+$"));
            if (events.Length == 0 || bad != null)
                ThrowParameterError("Event", $"-Event {(bad == null ? "names no event" : $"'{bad}' is not an event key")}: Tripletex's events are object.verb, e.g. customer.create; Get-TripletexWebhookEvent lists them.", Event);
            if ((AuthHeaderName == null) != (AuthHeaderValue == null))
                ThrowParameterError(AuthHeaderName == null ? "AuthHeaderName" : "AuthHeaderValue", "Give -AuthHeaderName and -AuthHeaderValue together (e.g. Authorization and its value), or neither.");
            var secret = Secret == null ? null : Core.Security.Secret.FromSecureString(Secret);
            if (secret != null && secret.IsEmpty) ThrowParameterError("Secret", "-Secret is empty; give the shared secret the receiver checks x-request-signature with, or leave it out.");
            var headerValue = AuthHeaderValue == null ? null : Core.Security.Secret.FromSecureString(AuthHeaderValue);
            var connection = ResolveConnection(Connection, ConnectCommand);
            if (secret == null && headerValue == null)
                WriteWarning("No -Secret and no -AuthHeaderName: the receiver cannot tell Tripletex's deliveries from anyone else's. Give -Secret to have each one signed (x-request-signature).");
            foreach (var e in events)
            {
                if (!ShouldProcess($"Tripletex webhook for {e}", $"Subscribe {Url.AbsoluteUri}")) continue;
                var one = e;
                Run(async (writer, ct) => writer.WriteObject(await connection.Client.AddWebhookAsync(one, Url, Fields, secret, AuthHeaderName, headerValue, ct).ConfigureAwait(false)), one);
            }
        }
    }
}
