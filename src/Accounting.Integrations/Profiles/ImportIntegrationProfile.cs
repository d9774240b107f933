using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Services;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>
    /// Import-IntegrationProfile: many customers' profiles in one write, for an MSP with hundreds of them (a profile at
    /// a time rewrites the whole, growing file for every connection). Takes files in the profile schema (-Path) and/or
    /// piped profiles (Get-IntegrationProfile's objects, by type) and rows (objects or hashtables with ProfileName,
    /// Service, Setting, SecretReference, Description: one New-IntegrationProfile call each). Everything is checked
    /// first, then written once under the profile file's lock, all or nothing; a connection the file already has is
    /// replaced only with -Force, as New-IntegrationProfile does. Secrets only as references.
    /// </summary>
    [Cmdlet(VerbsData.Import, "IntegrationProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IntegrationProfile))]
    public sealed class ImportIntegrationProfile : ModuleCmdlet
    {
        /// <summary>Files in the profile schema (schemaVersion 1, profiles: …), as profiles.yaml is.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>
        /// Profiles (bound by type) and rows, read by their ProfileName and Service properties, never by a Name: any
        /// object's Name (a shop's, a customer's) would otherwise become a profile name.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public object[] InputObject { get; set; }

        /// <summary>Replace a service's connection a profile already has (its other connections stay).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        static readonly string[] RowProperties = { "ProfileName", "Service", "Setting", "SecretReference", "Description" };

        readonly ProfileImport _import = new ProfileImport();
        readonly List<ProfileImportProblem> _problems = new List<ProfileImportProblem>();
        int _rows;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var item in InputObject) Read(item);
        }

        void Read(object item)
        {
            var source = $"-InputObject row {++_rows}";
            var value = item is PSObject ps ? ps.BaseObject : item;
            if (value == null) { Problem($"{source} is empty."); return; }
            if (value is IntegrationProfile profile)
            {
                _problems.AddRange(_import.AddProfile(profile, $"-InputObject profile '{profile.Name}'", nameof(InputObject)));
                return;
            }
            var row = ProfileInput.Properties(item);
            if (!row.Contains("ProfileName"))
            {
                var hint = row.Contains("Name") ? " It has a Name, which is not taken as a profile name: call it ProfileName." : "";
                Problem($"{source} ({TypeOf(item)}) is neither a profile (Get-IntegrationProfile) nor a row with ProfileName and Service.{hint}");
                return;
            }
            var unknown = row.Keys.Cast<object>().Select(k => k.ToString()).Where(k => !RowProperties.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
                Problem($"{source}: '{string.Join("', '", unknown)}' is not a row property; a row has {string.Join(", ", RowProperties)}.");
            var name = Text(row["ProfileName"]);
            var service = IntegrationServices.Find(Text(row["Service"]));
            source += $" ({name} {service?.Name ?? Text(row["Service"])})";
            if (string.IsNullOrWhiteSpace(name)) Problem($"{source}: ProfileName is empty.");
            if (service == null) { Problem($"{source}: Service must be one of {string.Join(", ", IntegrationServices.Names)}."); return; }
            var setting = ProfileInput.Dictionary(row["Setting"]);
            var secretReference = ProfileInput.Dictionary(row["SecretReference"]);
            if (row["Setting"] != null && setting == null) Problem($"{source}: Setting must be a hashtable, e.g. @{{ username = 'admin@contoso.de' }}.");
            if (row["SecretReference"] != null && secretReference == null) Problem($"{source}: SecretReference must be a hashtable of 'env:VARIABLE' or 'vault:Vault/SecretName' strings.");
            var referenceProblems = new List<string>();
            var connection = ProfileInput.Connection(setting, secretReference, referenceProblems);
            foreach (var problem in referenceProblems) Problem($"{source}: {problem.TrimStart('-')}");
            _import.Add(new ProfileImportEntry
            {
                Profile = name, Service = service.Name, Connection = connection, Description = Text(row["Description"]), Source = source, Parameter = nameof(InputObject),
            });
        }

        /// <summary>A problem of a piped row or object: it names -InputObject.</summary>
        void Problem(string message) => _problems.Add(new ProfileImportProblem(nameof(InputObject), message));

        protected override void EndProcessing()
        {
            foreach (var file in Files())
            {
                IReadOnlyList<IntegrationProfile> profiles = null;
                try { profiles = new ProfileStore(file).Load(); }
                catch (InvalidDataException ex) { _problems.Add(new ProfileImportProblem(nameof(Path), $"-Path: {ex.Message}")); continue; }
                if (profiles.Count == 0) _problems.Add(new ProfileImportProblem(nameof(Path), $"-Path {file} holds no profiles (profiles: with one entry per customer)."));
                foreach (var profile in profiles)
                    _problems.AddRange(_import.AddProfile(profile, $"-Path {System.IO.Path.GetFileName(file)}", nameof(Path)));
            }
            if (_import.Entries.Count == 0 && _problems.Count == 0)
            {
                // An empty pipeline imports nothing; a call with no input at all is a mistake.
                if (MyInvocation.ExpectingInput) return;
                Fail("Path", "Give -Path (a file in the profile schema) or pipe profiles or rows (ProfileName, Service, Setting, SecretReference) in.", ErrorIds.InvalidParameter);
            }
            _problems.AddRange(_import.Problems());
            if (_problems.Count > 0) Fail(_problems[0].Parameter, ProfileImport.Summary(_problems), ErrorIds.ProfileInvalid);

            // Checked against the file as it is now, before anything is asked or written; checked again under the lock.
            var store = new ProfileStore();
            var current = Snapshot(store);
            var conflicts = new List<string>();
            var invalid = new List<ProfileImportProblem>();
            var merged = _import.Merge(current, Force, conflicts, invalid);
            if (invalid.Count > 0) Fail(invalid[0].Parameter, ProfileImport.Summary(invalid), ErrorIds.ProfileInvalid);
            if (conflicts.Count > 0) Fail("Force", ForceMessage(conflicts), ErrorIds.InvalidParameter);
            var added = merged.Count(p => !current.Any(c => string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)));
            if (!ShouldProcess(store.Path, $"Import {merged.Count} profile(s) ({added} new, {merged.Count - added} changed; {_import.Entries.Count} service connection(s))")) return;

            IReadOnlyList<IntegrationProfile> saved = null;
            try
            {
                saved = store.ChangeMany(all =>
                {
                    var late = new List<string>();
                    var result = _import.Merge(all, Force, late, null);
                    if (late.Count > 0) throw new ArgumentException(ForceMessage(late), "Force");
                    return result;
                });
            }
            catch (ArgumentException ex) { Fail(ex.ParamName == "Force" ? "Force" : ImportedBy(), ex.Message, ex.ParamName == "Force" ? ErrorIds.InvalidParameter : ErrorIds.ProfileInvalid); }
            catch (InvalidDataException ex) { Fail("Path", ex.Message, ErrorIds.ProfileInvalid); }
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, null, store.Path)); }
            WriteVerbose($"{saved.Count} profile(s) written to {store.Path} in one write.");
            foreach (var profile in saved) WriteObject(profile);
        }

        IReadOnlyList<IntegrationProfile> Snapshot(ProfileStore store)
        {
            try { return store.Load(); }
            catch (InvalidDataException ex) { Fail("Path", ex.Message, ErrorIds.ProfileInvalid); return null; }
        }

        /// <summary>-Path resolved to files (wildcards allowed, as Merge-IntegrationOnboardingResult takes them), each once.</summary>
        IEnumerable<string> Files() =>
            (Path ?? new string[0]).SelectMany(path => FileSystemPath.ResolveFiles(this, path, nameof(Path), "a file in the profile schema", "./customers.yaml"))
                .Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The parameter the entries came by, for a problem found under the lock: -InputObject when they came by both.</summary>
        string ImportedBy()
        {
            var parameters = _import.Entries.Select(e => e.Parameter).Distinct().ToList();
            return parameters.Count == 1 ? parameters[0] : nameof(InputObject);
        }

        static string ForceMessage(IList<string> conflicts) =>
            ProfileImport.Summary(conflicts.Select(c => c + ".").ToList()) + $" Pass -Force to replace {(conflicts.Count == 1 ? "it" : "them")} (each profile's other connections stay).";

        static string Text(object value) => (value is PSObject ps ? ps.BaseObject : value)?.ToString();

        static string TypeOf(object item) => item is PSObject ps && ps.TypeNames.Count > 0 ? ps.TypeNames[0] : item.GetType().FullName;

        void Fail(string parameter, string message, string errorId) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, null, errorId));
    }
}
