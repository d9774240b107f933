using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Remove-LimeWebhook: deletes webhook subscriptions (Lime).</summary>
    [Cmdlet(VerbsCommon.Remove, "LimeWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveLimeWebhook : RemoveWebhookCmdlet
    {
        [Parameter]
        public LimeConnection Connection { get; set; }

        private protected override WebhookApi Api() => LimeWebhookApi.For(ResolveConnection(Connection, "Connect-Lime"));
    }
}
