using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;
using Accounting.Integrations.Profiles;

namespace Accounting.Integrations.Onboarding
{
    /// <summary>
    /// Invoke-IntegrationOnboarding: every check the setup guides ask a person to do by hand, for every
    /// service a profile names, one typed result per check; optionally a Markdown or HTML report to file,
    /// one report holding every profile of the pipeline. A check that did not pass is an error when its
    /// status is in -FailOn (Fail by default; -Strict: anything but Pass).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IntegrationOnboarding")]
    [OutputType(typeof(OnboardingResult))]
    public sealed class InvokeIntegrationOnboarding : IntegrationCmdlet
    {
        public const string FailedErrorId = "Onboarding.CheckFailed";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Infrastructure.ProfileNameCompleter))]
        public string[] Profile { get; set; }

        /// <summary>Only these services of the profile.</summary>
        [Parameter]
        [ValidateSet("Billecta", "Lime", "Tripletex", "Billbee", "IFirma")]
        public string[] Service { get; set; }

        [Parameter]
        [ValidateSet("Markdown", "Html")]
        public string Report { get; set; }

        /// <summary>Where to write the report; required with -Report.</summary>
        [Parameter]
        public string Path { get; set; }

        /// <summary>The statuses that make the run write Onboarding.CheckFailed; Fail by default.</summary>
        [Parameter]
        public OnboardingStatus[] FailOn { get; set; } = { OnboardingStatus.Fail };

        /// <summary>Fail on anything but Pass: what was attested, unverified, manual, warned about or throttled too.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Every profile's results, for the one report written at the end.</summary>
        readonly List<OnboardingRun> _runs = new List<OnboardingRun>();
        string _reportPath;
        string _current;

        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; } = 5;

        protected override void BeginProcessing()
        {
            if (Report != null && string.IsNullOrEmpty(Path)) ThrowParameterError("Path", "-Report needs -Path: the file to write the report to (e.g. ./onboarding.md).");
            if (Report == null && !string.IsNullOrEmpty(Path)) ThrowParameterError("Report", "-Path needs -Report Markdown or Html.");
            if (Strict && MyInvocation.BoundParameters.ContainsKey(nameof(FailOn)))
                ThrowParameterError("Strict", "-Strict already fails on every status but Pass; use either -Strict or -FailOn.");
            if (FailOn == null || FailOn.Length == 0 || FailOn.Contains(OnboardingStatus.Pass))
                ThrowParameterError("FailOn", "-FailOn takes the statuses that should fail the run, e.g. -FailOn Fail, Throttled; Pass cannot be one of them.");
            _reportPath = Path == null ? null : FileSystemPath.Resolve(this, Path, nameof(Path));
            if (_reportPath != null && (Directory.Exists(_reportPath) || !Directory.Exists(System.IO.Path.GetDirectoryName(_reportPath))))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), Directory.Exists(_reportPath)
                    ? $"-Path {_reportPath} is a folder; give a file name in it."
                    : $"-Path: the folder {System.IO.Path.GetDirectoryName(_reportPath)} does not exist; create it first, or give a path in an existing folder.", _reportPath));
        }

        protected override void ProcessRecord()
        {
            foreach (var name in Profile) Onboard(name);
        }

        protected override void EndProcessing()
        {
            if (_reportPath == null || _runs.Count == 0) return;
            var text = Report == "Html" ? OnboardingReport.Html(_runs) : OnboardingReport.Markdown(_runs);
            FileSystemPath.WriteText(this, _reportPath, text, nameof(Path));
            WriteVerbose($"{Report} report of {_runs.Count} profile(s) written to {_reportPath}.");
        }

        void Onboard(string name)
        {
            var profiles = new ProfileConnections(this);
            var profile = profiles.Load(name);
            var context = Build(profiles, profile);
            if (context.Services.Count == 0)
                ThrowParameterError("Service", $"Profile '{name}' has none of the services asked for ({string.Join(", ", Service ?? new string[0])}); it has {string.Join(", ", profile.Services.Keys)}.");

            var results = new List<OnboardingResult>();
            var started = DateTimeOffset.Now;
            try
            {
                Run(async (writer, ct) =>
                {
                    await new OnboardingRunner(context, r => { lock (results) results.Add(r); writer.WriteObject(r); }).RunAsync(ct).ConfigureAwait(false);
                    // Leave no live session behind: the onboarding's own Tripletex session is deleted again.
                    if (context.Tripletex?.CurrentSession != null)
                        try { await context.Tripletex.Client.DeleteSessionAsync(ct).ConfigureAwait(false); }
                        catch (Core.Errors.ServiceException ex) { writer.WriteVerbose("The onboarding's Tripletex session could not be deleted: " + ex.Summary); }
                }, name);
            }
            finally
            {
                foreach (var c in new IDisposable[] { context.Billbee, context.Tripletex, context.IFirma, context.Billecta, context.Lime, context.LimeProbe }) c?.Dispose();
            }

            WriteVerbose("Results logged to " + OnboardingLog.Write(name, results, started));
            _runs.Add(new OnboardingRun(name, results, started));

            var failOn = Strict ? Enum.GetValues(typeof(OnboardingStatus)).Cast<OnboardingStatus>().Where(s => s != OnboardingStatus.Pass).ToArray() : FailOn;
            var throttled = results.Count(r => r.Status == OnboardingStatus.Throttled);
            if (throttled > 0 && !failOn.Contains(OnboardingStatus.Throttled))
                WriteWarning($"Onboarding of '{name}': {throttled} check(s) were throttled and not checked; run again later (they are not the customer's failures).");
            var failed = results.Where(r => failOn.Contains(r.Status)).ToList();
            if (failed.Count > 0)
            {
                var message = $"Onboarding of '{name}': {failed.Count} check(s) failed the run: " + string.Join("; ", failed.Select(f => $"{f.Status} {f.Service} {f.Check}"))
                    + $". Statuses that fail this run: {string.Join(", ", failOn)}.";
                WriteError(new ErrorRecord(new InvalidOperationException(message), FailedErrorId, ErrorCategory.InvalidResult, name)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = failed.All(f => f.Status == OnboardingStatus.Throttled)
                            ? "Only throttled checks: run the onboarding again later."
                            : "Each result's Fix says what to do; run the onboarding again afterwards.",
                    },
                });
            }
        }

        /// <summary>Connections and settings from the profile, built here on the pipeline thread (vault lookups run PowerShell); a problem becomes that service's first result.</summary>
        OnboardingContext Build(ProfileConnections profiles, IntegrationProfile profile)
        {
            _current = profile.Name;
            var context = new OnboardingContext { Profile = profile.Name };
            var transport = new TransportOptions { AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec), MaxAttempts = MaxAttempts };
            profile.Services.TryGetValue("Lime", out var lime);
            foreach (var service in ProfileSchema.Order)
            {
                if (!profile.Services.TryGetValue(service, out var s)) continue;
                if (Service != null && !Service.Contains(service, StringComparer.OrdinalIgnoreCase)) continue;
                context.Services.Add(service);
                try
                {
                    switch (service)
                    {
                        case "Billbee":
                            context.Billbee = profiles.Billbee(s, transport);
                            context.BillbeeAdministratorConfirmedBy = ProfileConnections.SettingOf(s, "administratorConfirmedBy");
                            context.BillbeeImportStateIds = ParseIds(ProfileConnections.SettingOf(s, "importStateIds"));
                            break;
                        case "Tripletex":
                            context.Tripletex = profiles.Tripletex(s, transport);
                            context.NumberSeries = ProfileConnections.NumberSeries(s);
                            break;
                        case "IFirma":
                            context.IFirma = profiles.IFirma(s, transport);
                            break;
                        case "Billecta":
                            context.Billecta = profiles.Billecta(s, transport);
                            break;
                        case "Lime":
                            context.Lime = profiles.Lime(s, transport);
                            context.LimeProbe = profiles.Lime(s, transport, "probeApiKey");
                            context.ProbeUser = ProfileConnections.SettingOf(s, "probeUser") ?? "billectawebhook@api";
                            context.MonitorIntegrationKey = ProfileConnections.SettingOf(s, "monitorIntegration") ?? "billecta";
                            break;
                    }
                }
                catch (ProfileProblemException ex)
                {
                    context.Preflight.Add(new OnboardingResult { Service = service, Check = "Connection and credentials", Status = OnboardingStatus.Fail, Detail = ex.Message, Fix = ex.Fix });
                }
            }

            if (lime != null)
            {
                context.Application = ProfileConnections.SettingOf(lime, "application");
                var config = ProfileConnections.SettingOf(lime, "applicationConfigPath");
                context.ApplicationConfigPath = config == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(config);
                context.Policy = ReadPolicy(lime, "policyPath", context);
                context.PolicyActual = ReadPolicy(lime, "policyActualPath", context);
            }
            return context;
        }

        PolicyDocument ReadPolicy(ServiceSettings lime, string setting, OnboardingContext context)
        {
            var path = ProfileConnections.SettingOf(lime, setting);
            if (path == null) return null;
            try { return PolicyDocumentReader.ReadFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)); }
            catch (Exception ex) when (ex is PolicyDocumentException || ex is IOException || ex is UnauthorizedAccessException)
            {
                context.PolicyProblem = $"The profile's {setting} ({path}) cannot be read: {ex.Message}";
                return null;
            }
        }

        int[] ParseIds(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var ids = new List<int>();
            foreach (var part in text.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                    ThrowParameterError("Profile", $"Profile '{_current}': Billbee importStateIds '{text}' must be ids separated by commas, e.g. 1,2,3 (Get-BillbeeOrderState lists them).");
                ids.Add(id);
            }
            return ids.ToArray();
        }
    }
}
