using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexWebhook: the webhook subscriptions, all or by id (Tripletex).</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexWebhook")]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class GetTripletexWebhook : GetWebhookCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        private protected override WebhookApi Api() => TripletexWebhookApi.For(ResolveConnection(Connection, "Connect-Tripletex"));
    }
}
