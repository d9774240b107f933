using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Get-LimeWebhook: the webhook subscriptions, all or by id (Lime).</summary>
    [Cmdlet(VerbsCommon.Get, "LimeWebhook")]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class GetLimeWebhook : GetWebhookCmdlet
    {
        [Parameter]
        public LimeConnection Connection { get; set; }

        private protected override WebhookApi Api() => LimeWebhookApi.For(ResolveConnection(Connection, "Connect-Lime"));
    }
}
