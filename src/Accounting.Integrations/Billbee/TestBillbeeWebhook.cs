using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Test-BillbeeWebhook: checks that each webhook subscription can deliver (Billbee).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BillbeeWebhook")]
    [OutputType(typeof(WebhookTestResult))]
    public sealed class TestBillbeeWebhook : TestWebhookCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        private protected override WebhookApi Api() => BillbeeWebhookApi.For(ResolveConnection(Connection, "Connect-Billbee"));
    }
}
