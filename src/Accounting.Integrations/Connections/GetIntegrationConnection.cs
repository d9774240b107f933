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
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] Service { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var connection in ConnectionCatalogue.Current())
                if (ConnectionCatalogue.Matches(connection, Service)) WriteObject(OutputTypeNames.Tag(ConnectionCatalogue.Describe(connection)));
        }
    }
}
