using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>Get-IntegrationMonitor: the integration monitor cards and their alert status, by integration key.</summary>
    [Cmdlet(VerbsCommon.Get, "IntegrationMonitor", SupportsPaging = true)]
    [OutputType(typeof(IntegrationMonitor))]
    public sealed class GetIntegrationMonitor : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(IntegrationKeyCompleter))]
        public string[] IntegrationKey { get; set; }

        [Parameter]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Lime");
            var patterns = IntegrationKey?.Select(k => new WildcardPattern(k, WildcardOptions.IgnoreCase)).ToArray();
            Run(async (writer, ct) =>
            {
                foreach (var m in await connection.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false))
                    if ((patterns == null || patterns.Any(p => p.IsMatch(m.IntegrationKey ?? ""))) && !Window.Write(writer, m)) break;
            }, connection);
        }
    }
}
