using System.Management.Automation;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Test-IFirmaConnection: one result per configured key: works, or why not and what to do.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "IFirmaConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestIFirmaConnection : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public IFirmaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-IFirma");
            Run(async (writer, ct) =>
            {
                foreach (var result in await connection.Client.TestKeysAsync(ct).ConfigureAwait(false)) writer.WriteObject(result);
            }, connection);
        }
    }
}
