using System.Management.Automation;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>Test-LimeConnection: one call to the API's root with the key; success or the cause in plain words.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "LimeConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestLimeConnection : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Lime");
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.TestConnectionAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
