using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>Get-IntegrationProfile: the saved profiles, with their settings and secret references.</summary>
    [Cmdlet(VerbsCommon.Get, "IntegrationProfile")]
    [OutputType(typeof(IntegrationProfile))]
    public sealed class GetIntegrationProfile : ModuleCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; } = "*";

        protected override void ProcessRecord()
        {
            var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            foreach (var profile in new ProfileStore().Load().Where(p => pattern.IsMatch(p.Name))) WriteObject(profile);
        }
    }
}
