using System;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Connections
{
    /// <summary>Get-IntegrationConnection: the session's default connection of each service, without secrets or internals.</summary>
    [Cmdlet(VerbsCommon.Get, "IntegrationConnection")]
    [OutputType(typeof(IntegrationConnectionInfo))]
    public sealed class GetIntegrationConnection : ModuleCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Billbee", "Tripletex", "IFirma", "Billecta", "Lime", IgnoreCase = true)]
        public string[] Service { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var connection in ConnectionCatalogue.Current())
            {
                var service = ConnectionCatalogue.ServiceOf(connection);
                if (Service != null && !Service.Contains(service, StringComparer.OrdinalIgnoreCase)) continue;
                WriteObject(ConnectionCatalogue.Describe(connection));
            }
        }
    }
}
