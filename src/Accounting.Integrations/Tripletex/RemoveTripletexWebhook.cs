using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Remove-TripletexWebhook: deletes webhook subscriptions (Tripletex).</summary>
    [Cmdlet(VerbsCommon.Remove, "TripletexWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveTripletexWebhook : RemoveWebhookCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        private protected override WebhookApi Api() => TripletexWebhookApi.For(ResolveConnection(Connection, "Connect-Tripletex"));
    }
}
