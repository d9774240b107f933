using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Webhooks
{
    /// <summary>The webhook calls the Get-/Remove-/Test-…Webhook cmdlets share, for one service's connection (made in the service's folder).</summary>
    internal sealed class WebhookApi
    {
        public string Service;
        public Func<CancellationToken, Task<IReadOnlyList<WebhookSubscription>>> List;
        public Func<CancellationToken, Task<IReadOnlyList<WebhookEvent>>> Events;
        public Func<string, CancellationToken, Task> Remove;
        /// <summary>How to replace a subscription, for a fix text.</summary>
        public string ReAddHint;
    }
}
