using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Remove-BillbeeWebhook: deletes webhook subscriptions (Billbee).</summary>
    [Cmdlet(VerbsCommon.Remove, "BillbeeWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveBillbeeWebhook : RemoveWebhookCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        private protected override WebhookApi Api() => BillbeeWebhookApi.For(ResolveConnection(Connection, "Connect-Billbee"));
    }
}
