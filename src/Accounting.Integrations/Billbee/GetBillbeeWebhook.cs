using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Get-BillbeeWebhook: the webhook subscriptions, all or by id (Billbee).</summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeWebhook")]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class GetBillbeeWebhook : GetWebhookCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        private protected override WebhookApi Api() => BillbeeWebhookApi.For(ResolveConnection(Connection, "Connect-Billbee"));
    }
}
