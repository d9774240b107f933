using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Invoke-BillbeeRequest: any Billbee API call through the connection's transport, for what the module has no cmdlet for.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BillbeeRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeBillbeeRequest : InvokeRequestCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        private protected override string ServiceName => "Billbee";
        private protected override string SamplePath => "shipment/ping";
        private protected override object Connect() => ResolveConnection(Connection, "Connect-Billbee");
        private protected override Uri BaseUriOf(object connection) => ((BillbeeConnection)connection).BaseUri;
    }
}
