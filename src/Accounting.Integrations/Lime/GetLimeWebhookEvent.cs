using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Get-LimeWebhookEvent: the events the service can deliver (Lime).</summary>
    [Cmdlet(VerbsCommon.Get, "LimeWebhookEvent")]
    [OutputType(typeof(WebhookEvent))]
    public sealed class GetLimeWebhookEvent : GetWebhookEventCmdlet
    {
        [Parameter]
        public LimeConnection Connection { get; set; }

        private protected override WebhookApi Api() => LimeWebhookApi.For(ResolveConnection(Connection, "Connect-Lime"));
    }
}
