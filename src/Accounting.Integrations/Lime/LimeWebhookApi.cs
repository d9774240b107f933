using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Lime's webhook calls for the shared Get-/Remove-/Test-…Webhook cmdlet bases.</summary>
    internal static class LimeWebhookApi
    {
        public static WebhookApi For(LimeConnection c) => new WebhookApi
        {
            Service = "Lime", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-LimeWebhook) and add it again (Add-LimeWebhook)",
        };
    }
}
