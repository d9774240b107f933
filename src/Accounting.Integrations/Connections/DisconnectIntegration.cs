using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Connections
{
    /// <summary>
    /// Disconnect-Integration: forgets the session's default connection of the services named (all without -Service),
    /// after ending what the connection holds at the service (a session whose token then stops working). Cmdlets then
    /// need a new Connect-* or -Connection. A connection a script still holds (-PassThru) keeps working for that script.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Integration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DisconnectIntegration : IntegrationCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] Service { get; set; }

        protected override void ProcessRecord()
        {
            var found = false;
            foreach (var connection in ConnectionCatalogue.Current().ToList())
            {
                if (!ConnectionCatalogue.Matches(connection, Service)) continue;
                found = true;
                var info = ConnectionCatalogue.Describe(connection);
                var end = connection.EndAction;
                if (!ShouldProcess(info.ToString(), end == null ? "Forget the session's default connection" : end + " and forget the connection")) continue;
                // A failure to end it at the service is written, and the connection is forgotten all the same.
                if (end != null) Run(async (w, ct) => await connection.EndAsync(ct).ConfigureAwait(false), info);
                SessionConnections.Forget(connection);
                WriteVerbose($"{info} is no longer the session's default.");
            }
            if (!found && Service != null) WriteVerbose($"No {string.Join(" or ", Service)} connection in this session; nothing to disconnect.");
        }
    }
}
