using System.Management.Automation;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Test-TripletexConnection: a session and whoAmI; the company, the employee, or the cause in plain words.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TripletexConnection", DefaultParameterSetName = ConnectionSet)]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestTripletexConnection : IntegrationCmdlet
    {
        const string ConnectionSet = "Connection";
        const string SessionSet = "Session";

        [Parameter(ValueFromPipeline = true, ParameterSetName = ConnectionSet)]
        public TripletexConnection Connection { get; set; }

        /// <summary>A session from New-TripletexSession: tests the connection that made it.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        public TripletexSession Session { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ParameterSetName == SessionSet ? TripletexSessionOwners.OwnerOf(Session) : ResolveConnection(Connection, "Connect-Tripletex");
            if (connection == null)
                ThrowParameterError("Session", $"{Session} was not made by New-TripletexSession in this PowerShell session (a saved or imported copy has no connection); pass -Connection instead.", Session);
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.TestConnectionAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
