using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Webhooks
{
    /// <summary>The webhook calls the Get-/Remove-/Test-…Webhook cmdlets share, for one service's connection.</summary>
    internal sealed class WebhookApi
    {
        public string Service;
        public Func<CancellationToken, Task<IReadOnlyList<WebhookSubscription>>> List;
        public Func<CancellationToken, Task<IReadOnlyList<WebhookEvent>>> Events;
        public Func<string, CancellationToken, Task> Remove;
        /// <summary>How to replace a subscription, for a fix text.</summary>
        public string ReAddHint;

        public static WebhookApi For(BillbeeConnection c) => new WebhookApi
        {
            Service = "Billbee", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-BillbeeWebhook) and add it again (Add-BillbeeWebhook)",
        };

        public static WebhookApi For(TripletexConnection c) => new WebhookApi
        {
            Service = "Tripletex", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-TripletexWebhook) and add it again (Add-TripletexWebhook)",
        };

        public static WebhookApi For(LimeConnection c) => new WebhookApi
        {
            Service = "Lime", List = c.Client.GetWebhooksAsync, Events = c.Client.GetWebhookEventsAsync, Remove = c.Client.RemoveWebhookAsync,
            ReAddHint = "remove it (Remove-LimeWebhook) and add it again (Add-LimeWebhook)",
        };
    }
}
