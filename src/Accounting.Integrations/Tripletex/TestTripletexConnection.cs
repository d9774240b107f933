using System.Management.Automation;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Test-TripletexConnection: a session and whoAmI; the company, the employee, or the cause in plain words.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TripletexConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestTripletexConnection : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.TestConnectionAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
