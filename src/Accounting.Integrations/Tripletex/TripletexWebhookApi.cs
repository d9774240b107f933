using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Tripletex's webhook calls for the shared Get-/Remove-/Test-…Webhook cmdlet bases.</summary>
    internal static class TripletexWebhookApi
    {
        public static WebhookApi For(TripletexConnection c) => new WebhookApi
        {
            Service = "Tripletex", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-TripletexWebhook) and add it again (Add-TripletexWebhook)",
        };
    }
}
