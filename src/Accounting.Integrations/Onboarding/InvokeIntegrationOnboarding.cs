using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Services;
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
    public sealed class InvokeIntegrationOnboarding : TransportCmdlet
    {
        public const string FailedErrorId = "Onboarding.CheckFailed";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Profile { get; set; }

        /// <summary>Only these services of the profile.</summary>
        [Parameter]
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
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

        /// <summary>Every profile's results, for the one report written at the end.</summary>
        readonly List<OnboardingRun> _runs = new List<OnboardingRun>();
        string _reportPath;

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
                    // The runner also leaves nothing behind at the services (each service's FinishAsync).
                    await new OnboardingRunner(context, r => { lock (results) results.Add(r); writer.WriteObject(r); }, writer.WriteVerbose).RunAsync(ct).ConfigureAwait(false);
                }, name);
            }
            finally
            {
                foreach (var service in context.Services) service.Dispose();
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

        /// <summary>Each service's checks prepared from the profile, here on the pipeline thread (vault lookups run PowerShell); a problem becomes that service's first result.</summary>
        OnboardingContext Build(ProfileConnections profiles, IntegrationProfile profile)
        {
            var context = new OnboardingContext { Profile = profile.Name };
            var transport = Transport();
            foreach (var service in IntegrationServices.All)
            {
                if (!profile.Services.ContainsKey(service.Name)) continue;
                if (Service != null && !Service.Contains(service.Name, StringComparer.OrdinalIgnoreCase)) continue;
                var onboarding = service.NewOnboarding();
                context.Services.Add(onboarding);
                try
                {
                    onboarding.Prepare(new OnboardingProfile(profile.Name, service.Name, name => profiles.Entry(profile, name),
                        path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)), transport);
                }
                catch (ProfileProblemException ex)
                {
                    context.Preflight.Add(new OnboardingResult { Service = service.Name, Check = "Connection and credentials", Status = OnboardingStatus.Fail, Detail = ex.Message, Fix = ex.Fix });
                }
                catch (ProfileArgumentException ex)
                {
                    foreach (var prepared in context.Services) prepared.Dispose();
                    ThrowParameterError("Profile", ex.Message);
                }
            }
            return context;
        }
    }
}
