using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>
    /// New-IntegrationProfile: adds a service's connection to a customer's profile in the per-user YAML file,
    /// with plain settings and secret references (env:NAME or vault:Vault/Secret), never secret values.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IntegrationProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IntegrationProfile))]
    public sealed class NewIntegrationProfile : ModuleCmdlet
    {
        /// <summary>A name, a profile or an object with a ProfileName, typed or piped; never another object's Name (see ProfileNameArgumentAttribute).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ProfileNameArgument]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string Service { get; set; }

        [Parameter]
        public Hashtable Setting { get; set; }

        [Parameter]
        public Hashtable SecretReference { get; set; }

        [Parameter]
        public string Description { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var store = new ProfileStore();
            IntegrationProfile profile;
            try { profile = store.Get(Name) ?? new IntegrationProfile { Name = Name }; }
            catch (InvalidDataException ex) { Fail("Name", ex.Message, ErrorIds.ProfileInvalid); return; }
            if (Description != null) profile.Description = Description;
            if (profile.Services.ContainsKey(Service) && !Force)
                Fail("Force", $"Profile '{Name}' already has a {Service} connection; pass -Force to replace it.", ErrorIds.InvalidParameter);

            var referenceProblems = new System.Collections.Generic.List<string>();
            var settings = ProfileInput.Connection(Setting, SecretReference, referenceProblems);
            if (referenceProblems.Count > 0) Fail("SecretReference", referenceProblems[0], ErrorIds.ProfileInvalid);
            profile.Services[Service] = settings;

            var problems = ProfileStore.Validate(profile);
            if (problems.Count > 0) Fail("Setting", string.Join(" ", problems), ErrorIds.ProfileInvalid);
            if (!ShouldProcess(store.Path, $"Save the {Service} connection of profile '{Name}'")) return;
            IntegrationProfile saved = null;
            try
            {
                // Merged into the profile as it is in the file under its lock: another writer's change since the read above stays.
                saved = store.Change(Name, current =>
                {
                    if (current == null) current = new IntegrationProfile { Name = Name };
                    if (current.Services.ContainsKey(Service) && !Force)
                        throw new ArgumentException($"Profile '{Name}' already has a {Service} connection; pass -Force to replace it.", "Force");
                    if (Description != null) current.Description = Description;
                    current.Services[Service] = settings;
                    return current;
                });
            }
            catch (ArgumentException ex) { Fail(ex.ParamName == "Force" ? "Force" : "Setting", ex.Message, ex.ParamName == "Force" ? ErrorIds.InvalidParameter : ErrorIds.ProfileInvalid); }
            catch (InvalidDataException ex) { Fail("Name", ex.Message, ErrorIds.ProfileInvalid); }
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, null, store.Path)); }
            WriteObject(saved);
        }

        void Fail(string parameter, string message, string errorId) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, Name, errorId));
    }
}
