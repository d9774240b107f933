using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>
    /// Get-LimeLimetype: the application's data model as the key's user sees it, every table with its fields, in one
    /// call (GET limetype/?_embed=limetypes.properties). Fields the user's policies hide are absent.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LimeLimetype")]
    [OutputType(typeof(LimeLimetype))]
    public sealed class GetLimeLimetype : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        [Parameter]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Lime");
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            Run(async (writer, ct) =>
            {
                foreach (var t in await connection.Client.GetDataModelAsync(ct).ConfigureAwait(false))
                    if (patterns == null || patterns.Any(p => p.IsMatch(t.Name))) writer.WriteObject(t);
            }, connection);
        }
    }
}
