using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Test-BillectaConnection: reachability, TLS, credentials, environment and the creditors the user sees.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BillectaConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestBillectaConnection : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public BillectaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billecta");
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.TestConnectionAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
