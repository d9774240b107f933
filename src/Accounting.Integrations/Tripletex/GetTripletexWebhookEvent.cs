using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexWebhookEvent: the events the service can deliver (Tripletex).</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexWebhookEvent")]
    [OutputType(typeof(WebhookEvent))]
    public sealed class GetTripletexWebhookEvent : GetWebhookEventCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        private protected override WebhookApi Api() => TripletexWebhookApi.For(ResolveConnection(Connection, "Connect-Tripletex"));
    }
}
