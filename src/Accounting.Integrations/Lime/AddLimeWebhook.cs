using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Add-LimeWebhook: subscribes a receiver to Lime events (POST subscription/), signed with -Secret (X-Lime-Signature).</summary>
    [Cmdlet(VerbsCommon.Add, "LimeWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class AddLimeWebhook : WebhookCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0)]
        public Uri Url { get; set; }

        /// <summary>Events (limetype.new, .update, .delete, e.g. invoice.update); Get-LimeWebhookEvent lists them.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Event { get; set; }

        [Parameter]
        public SecureString Secret { get; set; }

        [Parameter]
        [ValidateLength(1, 200)]
        public string Name { get; set; }

        [Parameter]
        public LimeConnection Connection { get; set; }

        const string ConnectCommand = "Connect-Lime";
        private protected override WebhookApi Api() => LimeWebhookApi.For(ResolveConnection(Connection, ConnectCommand));

        protected override void ProcessRecord()
        {
            RequireTarget(Url);
            var events = Event.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            var bad = events.FirstOrDefault(e => !System.Text.RegularExpressions.Regex.IsMatch(e, @"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_]+$"));
            if (events.Length == 0 || bad != null)
                ThrowParameterError("Event", $"-Event {(bad == null ? "names no event" : $"'{bad}' is not an event")}: Lime's events are limetype.new, .update or .delete, e.g. invoice.update; Get-LimeWebhookEvent lists them.", Event);
            var secret = Secret == null ? null : Core.Security.Secret.FromSecureString(Secret);
            if (secret != null && secret.IsEmpty) ThrowParameterError("Secret", "-Secret is empty; give the secret the receiver checks X-Lime-Signature with, or leave it out.");
            var connection = ResolveConnection(Connection, ConnectCommand);
            if (secret == null) WriteWarning("No -Secret: deliveries are not signed (no X-Lime-Signature), so the receiver cannot tell Lime's from anyone else's.");
            if (!ShouldProcess($"Lime webhook to {Url.AbsoluteUri}", "Subscribe it to " + string.Join(", ", events))) return;
            var name = Name ?? "Accounting.Integrations " + string.Join(",", events);
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.AddWebhookAsync(name, events, Url, secret, ct).ConfigureAwait(false)), Url);
        }
    }
}
