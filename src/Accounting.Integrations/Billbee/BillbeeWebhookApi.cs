using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Billbee's webhook calls for the shared Get-/Remove-/Test-…Webhook cmdlet bases.</summary>
    internal static class BillbeeWebhookApi
    {
        public static WebhookApi For(BillbeeConnection c) => new WebhookApi
        {
            Service = "Billbee", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-BillbeeWebhook) and add it again (Add-BillbeeWebhook)",
        };
    }
}
