using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Get-BillbeeWebhookEvent: the events the service can deliver (Billbee).</summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeWebhookEvent")]
    [OutputType(typeof(WebhookEvent))]
    public sealed class GetBillbeeWebhookEvent : GetWebhookEventCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        private protected override WebhookApi Api() => BillbeeWebhookApi.For(ResolveConnection(Connection, "Connect-Billbee"));
    }
}
