using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>Invoke-LimeRequest: any Lime API call through the connection's transport, for what the module has no cmdlet for.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "LimeRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeLimeRequest : InvokeRequestCmdlet
    {
        [Parameter]
        public LimeConnection Connection { get; set; }

        private protected override string ServiceName => "Lime";
        private protected override string SamplePath => "limeobject/invoice/";
        private protected override object Connect() => ResolveConnection(Connection, "Connect-Lime");
        private protected override Uri BaseUriOf(object connection) => ((LimeConnection)connection).BaseUri;
    }
}
