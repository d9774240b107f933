using System;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Connections
{
    /// <summary>
    /// Disconnect-Integration: forgets the session's default connection of the services named (all without -Service);
    /// for Tripletex it first deletes the session at Tripletex, so its token stops working. Cmdlets then need a new
    /// Connect-* or -Connection. A connection a script still holds (-PassThru) keeps working for that script.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Integration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DisconnectIntegration : IntegrationCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Billbee", "Tripletex", "IFirma", "Billecta", "Lime", IgnoreCase = true)]
        public string[] Service { get; set; }

        protected override void ProcessRecord()
        {
            var found = false;
            foreach (var connection in ConnectionCatalogue.Current().ToList())
            {
                var service = ConnectionCatalogue.ServiceOf(connection);
                if (Service != null && !Service.Contains(service, StringComparer.OrdinalIgnoreCase)) continue;
                found = true;
                var info = ConnectionCatalogue.Describe(connection);
                var tripletex = connection as TripletexConnection;
                var action = tripletex?.CurrentSession != null ? $"Delete session {tripletex.CurrentSession.Id} at Tripletex and forget the connection" : "Forget the session's default connection";
                if (!ShouldProcess(info.ToString(), action)) continue;
                if (tripletex?.CurrentSession != null)
                    Run(async (w, ct) => await tripletex.Client.DeleteSessionAsync(ct).ConfigureAwait(false), info, terminating: false);
                SessionConnections.Forget(connection);
                WriteVerbose($"{info} is no longer the session's default.");
            }
            if (!found && Service != null) WriteVerbose($"No {string.Join(" or ", Service)} connection in this session; nothing to disconnect.");
        }
    }
}
