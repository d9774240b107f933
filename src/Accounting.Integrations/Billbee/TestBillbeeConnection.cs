using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Test-BillbeeConnection: one authenticated call, one result object; the cause of a failure in plain words.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BillbeeConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestBillbeeConnection : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public BillbeeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.TestConnectionAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
