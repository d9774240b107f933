using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>
    /// Set-LimeApplicationConfig: writes the seed's two entries (config.billecta.api.base_url and
    /// secrets.billecta.api.authentication) into application_config.yaml, keeping every other byte.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "LimeApplicationConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(LimeApplicationConfigChange))]
    public sealed class SetLimeApplicationConfig : ModuleCmdlet
    {
        const string EnvironmentSet = "Environment";
        const string UrlSet = "BaseUrl";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Application { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public SecureString Authorization { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
        [ValidateSet("Production", "Test")]
        public string Environment { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = UrlSet)]
        public Uri BaseUrl { get; set; }

        protected override void ProcessRecord()
        {
            // Plain http only to a local sandbox, as everywhere in the module. Checked before the URL is used.
            if (ParameterSetName == UrlSet && (BaseUrl == null || !BaseUrl.IsAbsoluteUri || !(BaseUrl.Scheme == Uri.UriSchemeHttps || BaseUrl.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback)))
                Fail("BaseUrl", "-BaseUrl must be an absolute https:// URL, e.g. https://api.billecta.com/v1 (plain http only for a local sandbox on 127.0.0.1).", BaseUrl);
            // A top-level key of application_config.yaml: a name, not something YAML reads as a list item, comment or flow.
            if (!System.Text.RegularExpressions.Regex.IsMatch(Application, "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"))
                Fail("Application", $"-Application '{Application}' is not a Lime application name: use letters, digits, '_', '.' and '-', starting with a letter, digit or '_' (the database name, e.g. lime_crm).", Application);
            var url = ParameterSetName == UrlSet ? BaseUrl.AbsoluteUri.TrimEnd('/')
                : Environment == "Test" ? "https://apitest.billecta.com/v1" : "https://api.billecta.com/v1";
            var authorization = Secret.FromSecureString(Authorization).Reveal();
            var check = BillectaAuthorization.Check(authorization);
            if (!check.Valid)
                Fail("Authorization", "The -Authorization value is not a valid Billecta header value: " + string.Join(" ", check.Problems) + " " + check.Fix, null);

            var given = FileSystemPath.Resolve(this, Path, "Path");
            string path;
            try { path = SafeFile.ResolveLinks(given); } // a symlinked config: the link's target is read and written, the link stays
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, "Path", given)); return; }
            FileLock held = null;
            try
            {
                // Read, edit and write under the file's lock, so a concurrent run cannot slip its change in between.
                try { held = SafeFile.Lock(path, SafeFile.DefaultLockWait); }
                catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, "Path", path)); }
                Edit(given, path, url, authorization, check, held);
            }
            finally { held?.Dispose(); }
        }

        void Edit(string given, string path, string url, string authorization, BillectaAuthorizationCheck check, FileLock held)
        {
            byte[] original = new byte[0];
            try { if (File.Exists(path)) original = SafeFile.ReadAllBytes(path, ApplicationConfigEditor.MaxBytes); }
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, "Path", path)); }
            var bom = original.Length >= 3 && original[0] == 0xEF && original[1] == 0xBB && original[2] == 0xBF;
            string text;
            try { text = new UTF8Encoding(false, true).GetString(original, bom ? 3 : 0, original.Length - (bom ? 3 : 0)); }
            catch (ArgumentException) { Fail("Path", $"{path} is not UTF-8 text; Lime reads application_config.yaml as UTF-8.", path); return; }

            var baseUrlPath = new[] { Application, "config", "billecta", "api", "base_url" };
            var authPath = new[] { Application, "secrets", "billecta", "api", "authentication" };
            ApplicationConfigEditor editor;
            bool changed;
            try
            {
                editor = new ApplicationConfigEditor(text);
                changed = editor.Set(baseUrlPath, url) | editor.Set(authPath, authorization);
            }
            catch (InvalidDataException ex) { Fail("Path", $"{path}: {ex.Message}", path); return; }
            var result = new LimeApplicationConfigChange
            {
                Path = given, Application = Application, Changed = false, BaseUrl = url, AuthenticationScheme = check.Scheme,
                Keys = new[] { string.Join(".", baseUrlPath.Skip(1)), string.Join(".", authPath.Skip(1)) },
            };
            if (!changed)
            {
                WriteVerbose($"{path} already holds these values for '{Application}'; nothing to change.");
                WriteObject(result);
                return;
            }
            if (!ShouldProcess(path, $"Set {Application}.config.billecta.api.base_url to {url} and {Application}.secrets.billecta.api.authentication ({check.Scheme}, value hidden)"))
                return;

            var updated = editor.ToString();
            string readUrl, readAuth;
            try { readUrl = ApplicationConfigEditor.Read(updated, baseUrlPath); readAuth = ApplicationConfigEditor.Read(updated, authPath); }
            catch (InvalidDataException) { readUrl = readAuth = null; }
            if (readUrl != url || readAuth != authorization)
                Fail("Path", $"{path}: the edited file would not read back as intended; nothing was written. Edit it by hand.", path);
            var bytes = new UTF8Encoding(false).GetBytes(updated);
            try
            {
                // Atomic, the original kept as a backup of its own (the old file holds secrets too), no folder made.
                result.BackupPath = SafeFile.Write(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes, keepBackup: original.Length > 0, held: held);
            }
            catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, "Path", path)); }
            result.Changed = true;
            WriteObject(result);
        }

        void Fail(string parameter, string message, object target) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, target));
    }
}
