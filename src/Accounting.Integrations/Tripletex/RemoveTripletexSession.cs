using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Remove-TripletexSession: deletes the connection's session at Tripletex, so its token stops working.</summary>
    [Cmdlet(VerbsCommon.Remove, "TripletexSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveTripletexSession : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            var session = connection.CurrentSession;
            if (session == null)
            {
                WriteVerbose("The connection has no session; nothing to remove.");
                return;
            }
            if (!ShouldProcess(session.ToString(), "Delete the session at Tripletex")) return;
            Run(async (writer, ct) => await connection.Client.DeleteSessionAsync(ct).ConfigureAwait(false), session);
        }
    }
}
