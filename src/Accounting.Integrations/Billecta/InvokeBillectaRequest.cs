using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Invoke-BillectaRequest: any Billecta API call through the connection's transport, for what the module has no cmdlet for.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BillectaRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeBillectaRequest : InvokeRequestCmdlet
    {
        [Parameter]
        public BillectaConnection Connection { get; set; }

        private protected override string ServiceName => "Billecta";
        private protected override string SamplePath => "common/currencies";
        private protected override object Connect() => ResolveConnection(Connection, "Connect-Billecta");
        private protected override Uri BaseUriOf(object connection) => ((BillectaConnection)connection).BaseUri;
    }
}
