using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Test-TripletexWebhook: checks that each webhook subscription can deliver (Tripletex).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TripletexWebhook")]
    [OutputType(typeof(WebhookTestResult))]
    public sealed class TestTripletexWebhook : TestWebhookCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        private protected override WebhookApi Api() => TripletexWebhookApi.For(ResolveConnection(Connection, "Connect-Tripletex"));
    }
}
