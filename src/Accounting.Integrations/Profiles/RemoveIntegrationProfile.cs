using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>Remove-IntegrationProfile: deletes a profile from the file (the secrets it refers to stay where they are).</summary>
    [Cmdlet(VerbsCommon.Remove, "IntegrationProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveIntegrationProfile : ModuleCmdlet
    {
        /// <summary>A name, a profile or an object with a ProfileName, typed or piped; never another object's Name (see ProfileNameArgumentAttribute).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ProfileNameArgument]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Infrastructure.ProfileNameCompleter))]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            var store = new ProfileStore();
            IntegrationProfile existing = null;
            try { existing = store.Get(Name); }
            catch (System.IO.InvalidDataException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Name), ex.Message, Name, ErrorIds.ProfileInvalid, ErrorCategory.InvalidData)); }
            if (existing == null)
            {
                WriteError(ErrorRecordFactory.InvalidParameter(nameof(Name), $"There is no profile '{Name}'; Get-IntegrationProfile lists them.", Name,
                    category: ErrorCategory.ObjectNotFound));
                return;
            }
            if (!ShouldProcess(store.Path, $"Remove profile '{Name}'")) return;
            try { store.Remove(Name); }
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, null, store.Path)); }
        }
    }
}
