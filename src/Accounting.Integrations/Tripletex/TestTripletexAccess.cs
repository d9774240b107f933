using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Test-TripletexAccess: whether the token's employee can read what an integration needs, one result per area.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TripletexAccess")]
    [OutputType(typeof(TripletexAccessCheck))]
    public sealed class TestTripletexAccess : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            Run(async (writer, ct) =>
            {
                foreach (var check in await connection.Client.TestAccessAsync(ct).ConfigureAwait(false)) writer.WriteObject(check);
            }, connection);
        }
    }
}
