using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Webhooks;

namespace Accounting.Integrations.Lime
{
    /// <summary>Test-LimeWebhook: checks that each webhook subscription can deliver (Lime).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "LimeWebhook")]
    [OutputType(typeof(WebhookTestResult))]
    public sealed class TestLimeWebhook : TestWebhookCmdlet
    {
        [Parameter]
        public LimeConnection Connection { get; set; }

        private protected override WebhookApi Api() => LimeWebhookApi.For(ResolveConnection(Connection, "Connect-Lime"));
    }
}
