using System;
using System.Management.Automation;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Invoke-IFirmaRequest: any iFirma API call through the connection's transport, for what the module has no cmdlet for.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IFirmaRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeIFirmaRequest : InvokeRequestCmdlet
    {
        [Parameter]
        public IFirmaConnection Connection { get; set; }

        private protected override string ServiceName => "iFirma";
        private protected override string SamplePath => "kontrahenci/Kowalski.json";
        private protected override object Connect() => ResolveConnection(Connection, "Connect-IFirma");
        private protected override Uri BaseUriOf(object connection) => ((IFirmaConnection)connection).BaseUri;
    }
}
