using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Infrastructure;

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
        [ArgumentCompleter(typeof(Infrastructure.ProfileNameCompleter))]
        public string Name { get; set; } = "*";

        protected override void ProcessRecord()
        {
            WildcardPattern pattern;
            try
            {
                pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
                pattern.IsMatch(""); // a malformed pattern ('[a') throws only when first used
            }
            catch (WildcardPatternException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Name), $"-Name '{Name}' is not a valid wildcard pattern ({ex.Message}); escape [ and ] with a backtick, e.g. '`[a'.", Name));
                return;
            }
            System.Collections.Generic.IReadOnlyList<IntegrationProfile> all = null;
            try { all = new ProfileStore().Load(); }
            catch (InvalidDataException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Name", ex.Message, Name, ErrorIds.ProfileInvalid, ErrorCategory.InvalidData)); }
            foreach (var profile in all.Where(p => pattern.IsMatch(p.Name))) WriteObject(profile);
        }
    }
}
