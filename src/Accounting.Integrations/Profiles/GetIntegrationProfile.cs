using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Profiles
{
    /// <summary>Get-IntegrationProfile: the saved profiles, with their settings and secret references.</summary>
    [Cmdlet(VerbsCommon.Get, "IntegrationProfile")]
    [OutputType(typeof(IntegrationProfile))]
    public sealed class GetIntegrationProfile : PSCmdlet
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
