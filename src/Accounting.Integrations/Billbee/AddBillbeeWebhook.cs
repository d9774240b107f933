using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Add-BillbeeWebhook: registers a receiver for Billbee events (POST /webhooks), signed with the secret.</summary>
    [Cmdlet(VerbsCommon.Add, "BillbeeWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class AddBillbeeWebhook : WebhookCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0)]
        public Uri Url { get; set; }

        /// <summary>The filters (events); Get-BillbeeWebhookEvent lists them. "*" is every event.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Event { get; set; }

        [Parameter(Mandatory = true)]
        public SecureString Secret { get; set; }

        [Parameter]
        [ValidateLength(0, 500)]
        public string Description { get; set; }

        /// <summary>Registers without Billbee's echo test (adds ?noecho to the URL).</summary>
        [Parameter]
        public SwitchParameter SkipEchoTest { get; set; }

        [Parameter]
        public BillbeeConnection Connection { get; set; }

        const string ConnectCommand = "Connect-Billbee";
        private protected override WebhookApi Api() => BillbeeWebhookApi.For(ResolveConnection(Connection, ConnectCommand));

        protected override void ProcessRecord()
        {
            RequireTarget(Url);
            var events = Event.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (events.Length == 0) ThrowParameterError("Event", "-Event names no event; Get-BillbeeWebhookEvent lists them ('*' is every event).", Event);
            var secret = Core.Security.Secret.FromSecureString(Secret);
            // ASSUMPTION (billbee.md §7, from ASP.NET WebHooks): the secret must be 32 to 64 characters; checked here so nothing is sent in vain.
            if (secret.Length < 32 || secret.Length > 64)
                ThrowParameterError("Secret", $"-Secret is {secret.Length} characters; Billbee's webhook model (ASP.NET WebHooks) takes 32 to 64. Generate one, e.g. [Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)).");
            var connection = ResolveConnection(Connection, ConnectCommand);
            if (!ShouldProcess($"Billbee webhook to {Url.AbsoluteUri}", "Register it for " + string.Join(", ", events))) return;
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.AddWebhookAsync(Url, secret, events, Description, SkipEchoTest, ct).ConfigureAwait(false)), Url);
        }
    }
}
