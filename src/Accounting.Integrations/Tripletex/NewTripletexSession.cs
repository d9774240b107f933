using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>New-TripletexSession: makes a session now from the connection's tokens and returns it.</summary>
    [Cmdlet(VerbsCommon.New, "TripletexSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TripletexSession))]
    public sealed class NewTripletexSession : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            if (!ShouldProcess($"Tripletex {connection.Environment} at {connection.BaseUri}", $"Create a session valid for {connection.SessionDays} days")) return;
            Run(async (writer, ct) =>
            {
                var session = await connection.Client.CreateSessionAsync(ct).ConfigureAwait(false);
                TripletexSessionOwners.Remember(session, connection); // so it pipes into Test-TripletexConnection
                writer.WriteObject(session);
            }, connection);
        }
    }
}
