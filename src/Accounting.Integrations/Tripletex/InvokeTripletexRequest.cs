using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Invoke-TripletexRequest: any Tripletex API call through the connection's transport, for what the module has no cmdlet for.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TripletexRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeTripletexRequest : InvokeRequestCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        private protected override string ServiceName => "Tripletex";
        private protected override string SamplePath => "'token/session/>whoAmI'";
        private protected override object Connect() => ResolveConnection(Connection, "Connect-Tripletex");
        private protected override Uri BaseUriOf(object connection) => ((TripletexConnection)connection).BaseUri;
    }
}
