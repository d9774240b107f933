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
        [ValidatePattern("^[A-Za-z0-9_.-]+$")]
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
            var url = ParameterSetName == UrlSet ? BaseUrl.AbsoluteUri.TrimEnd('/')
                : Environment == "Test" ? "https://apitest.billecta.com/v1" : "https://api.billecta.com/v1";
            // Plain http only to a local sandbox, as everywhere in the module.
            if (ParameterSetName == UrlSet && (!BaseUrl.IsAbsoluteUri || !(BaseUrl.Scheme == Uri.UriSchemeHttps || BaseUrl.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback)))
                Fail("BaseUrl", "-BaseUrl must be an absolute https:// URL, e.g. https://api.billecta.com/v1 (plain http only for a local sandbox on 127.0.0.1).", BaseUrl);
            var authorization = Secret.FromSecureString(Authorization).Reveal();
            var check = BillectaAuthorization.Check(authorization);
            if (!check.Valid)
                Fail("Authorization", "The -Authorization value is not a valid Billecta header value: " + string.Join(" ", check.Problems) + " " + check.Fix, null);

            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            byte[] original = File.Exists(path) ? File.ReadAllBytes(path) : new byte[0];
            var bom = original.Length >= 3 && original[0] == 0xEF && original[1] == 0xBB && original[2] == 0xBF;
            string text;
            try { text = new UTF8Encoding(false, true).GetString(original, bom ? 3 : 0, original.Length - (bom ? 3 : 0)); }
            catch (ArgumentException) { Fail("Path", $"{path} is not UTF-8 text; Lime reads application_config.yaml as UTF-8.", path); return; }

            var baseUrlPath = new[] { Application, "config", "billecta", "api", "base_url" };
            var authPath = new[] { Application, "secrets", "billecta", "api", "authentication" };
            var editor = new ApplicationConfigEditor(text);
            bool changed;
            try { changed = editor.Set(baseUrlPath, url) | editor.Set(authPath, authorization); }
            catch (InvalidDataException ex) { Fail("Path", $"{path}: {ex.Message}", path); return; }
            var result = new LimeApplicationConfigChange
            {
                Path = path, Application = Application, Changed = false, BaseUrl = url, AuthenticationScheme = check.Scheme,
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
            if (ApplicationConfigEditor.Read(updated, baseUrlPath) != url || ApplicationConfigEditor.Read(updated, authPath) != authorization)
                Fail("Path", $"{path}: the edited file would not read back as intended; nothing was written. Edit it by hand.", path);
            if (original.Length > 0)
            {
                result.BackupPath = path + ".bak-" + DateTime.Now.ToString("yyyyMMdd-HHmmss");
                PrivateFile.WriteAllBytes(result.BackupPath, original); // the old file holds secrets too
            }
            var bytes = new UTF8Encoding(false).GetBytes(updated);
            PrivateFile.WriteAllBytes(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes);
            result.Changed = true;
            WriteObject(result);
        }

        void Fail(string parameter, string message, object target) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, target));
    }
}
