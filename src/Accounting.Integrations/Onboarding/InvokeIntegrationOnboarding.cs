using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Fleet;
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
    /// Many profiles (names, wildcards, piped Get-IntegrationProfile) are checked concurrently, at most
    /// -ThrottleLimit at a time, each account within its own limits (the shared throttles); results stream as
    /// they come, with one progress bar across customers. -Shard k/n takes one worker's share; -ResultPath
    /// writes the JSON-lines result file Merge-IntegrationOnboardingResult combines.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IntegrationOnboarding")]
    [OutputType(typeof(OnboardingResult))]
    public sealed class InvokeIntegrationOnboarding : TransportCmdlet
    {
        public const string FailedErrorId = "Onboarding.CheckFailed";

        /// <summary>Names or patterns, profiles, or objects with a ProfileName (results); never another object's Name (see ProfileNameArgumentAttribute).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Name")]
        [ProfileNameArgument]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Infrastructure.ProfileNameCompleter))]
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

        /// <summary>How many customers are checked at once (each account still keeps to its own limits).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>k/n: only the profiles of the k-th of n shares (a stable hash of the name), for n workers with no shared state.</summary>
        [Parameter]
        public string Shard { get; set; }

        /// <summary>A JSON-lines file of every result, for Merge-IntegrationOnboardingResult.</summary>
        [Parameter]
        public string ResultPath { get; set; }

        /// <summary>Every profile's results, for the one report written at the end.</summary>
        readonly List<OnboardingRun> _runs = new List<OnboardingRun>();
        /// <summary>The profiles asked for, each once, in the order given: checked together at the end.</summary>
        readonly List<string> _names = new List<string>();
        readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ProfileConnections _profiles;
        /// <summary>The saved profiles and their secrets, read once for the wildcards and the customers they name.</summary>
        ProfileConnections Profiles => _profiles ?? (_profiles = new ProfileConnections(this));
        FleetShard _shard;
        string _reportPath;
        string _resultPath;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Report != null && string.IsNullOrEmpty(Path)) ThrowParameterError("Path", "-Report needs -Path: the file to write the report to (e.g. ./onboarding.md).");
            if (Report == null && !string.IsNullOrEmpty(Path)) ThrowParameterError("Report", "-Path needs -Report Markdown or Html.");
            if (Strict && MyInvocation.BoundParameters.ContainsKey(nameof(FailOn)))
                ThrowParameterError("Strict", "-Strict already fails on every status but Pass; use either -Strict or -FailOn.");
            if (FailOn == null || FailOn.Length == 0 || FailOn.Contains(OnboardingStatus.Pass))
                ThrowParameterError("FailOn", "-FailOn takes the statuses that should fail the run, e.g. -FailOn Fail, Throttled; Pass cannot be one of them.");
            if (Shard != null)
            {
                try { _shard = FleetShard.Parse(Shard); }
                catch (FormatException ex) { ThrowParameterError(nameof(Shard), "-Shard " + ex.Message, Shard); }
            }
            _resultPath = ResultPath == null ? null : FileSystemPath.Resolve(this, ResultPath, nameof(ResultPath));
            if (_resultPath != null && (Directory.Exists(_resultPath) || !Directory.Exists(System.IO.Path.GetDirectoryName(_resultPath))))
                ThrowParameterError(nameof(ResultPath), Directory.Exists(_resultPath)
                    ? $"-ResultPath {_resultPath} is a folder; give a file name in it, e.g. {System.IO.Path.Combine(_resultPath, "results.jsonl")}."
                    : $"-ResultPath: the folder {System.IO.Path.GetDirectoryName(_resultPath)} does not exist; create it first.", _resultPath);
            _reportPath = Path == null ? null : FileSystemPath.Resolve(this, Path, nameof(Path));
            if (_reportPath != null && (Directory.Exists(_reportPath) || !Directory.Exists(System.IO.Path.GetDirectoryName(_reportPath))))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), Directory.Exists(_reportPath)
                    ? $"-Path {_reportPath} is a folder; give a file name in it."
                    : $"-Path: the folder {System.IO.Path.GetDirectoryName(_reportPath)} does not exist; create it first, or give a path in an existing folder.", _reportPath));
        }

        protected override void ProcessRecord()
        {
            foreach (var name in Profile)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(name)) { Add(name); continue; }
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                IReadOnlyList<IntegrationProfile> saved = null;
                try { saved = Profiles.Saved; }
                catch (InvalidDataException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Profile), ex.Message, name, ErrorIds.ProfileInvalid)); }
                var matched = saved.Where(p => pattern.IsMatch(p.Name)).ToList();
                if (matched.Count == 0)
                    ThrowParameterError(nameof(Profile), $"-Profile '{name}' matches no saved profile; Get-IntegrationProfile lists them.", name);
                foreach (var p in matched) Add(p.Name);
            }
        }

        void Add(string name)
        {
            if (!_seen.Add(name)) return;
            if (_shard != null && !_shard.Includes(name)) { WriteVerbose($"Profile '{name}' belongs to shard {FleetShard.ShardOf(name, _shard.Count)}/{_shard.Count}, not {_shard}: skipped."); return; }
            _names.Add(name);
        }

        protected override void EndProcessing()
        {
            Onboard(_names);
            if (_resultPath != null)
            {
                FileSystemPath.WriteText(this, _resultPath, FleetResultFile.Jsonl(_runs), nameof(ResultPath));
                WriteVerbose($"Results of {_runs.Count} profile(s) written to {_resultPath}.");
            }
            if (_reportPath == null || _runs.Count == 0) return;
            var text = Report == "Html" ? OnboardingReport.Html(_runs) : OnboardingReport.Markdown(_runs);
            FileSystemPath.WriteText(this, _reportPath, text, nameof(Path));
            WriteVerbose($"{Report} report of {_runs.Count} profile(s) written to {_reportPath}.");
        }

        /// <summary>One customer's run: its prepared checks, and what they found.</summary>
        sealed class CustomerRun
        {
            public string Name;
            public OnboardingContext Context;
            public readonly List<OnboardingResult> Results = new List<OnboardingResult>();
            public DateTimeOffset Started;
        }

        void Onboard(IReadOnlyList<string> names)
        {
            // Every profile is loaded and prepared first, here on the pipeline thread (vault lookups run PowerShell): a
            // profile that does not exist stops the command before any customer is checked.
            var customers = new List<CustomerRun>();
            try
            {
                var profiles = Profiles;
                foreach (var name in names)
                {
                    var profile = profiles.Load(name);
                    var context = Build(profiles, profile);
                    customers.Add(new CustomerRun { Name = profile.Name, Context = context });
                    if (context.Services.Count == 0)
                        ThrowParameterError("Service", $"Profile '{name}' has none of the services asked for ({string.Join(", ", Service ?? new string[0])}); it has {string.Join(", ", profile.Services.Keys)}.");
                }
                if (customers.Count == 0) return;

                var failOn = Strict ? Enum.GetValues(typeof(OnboardingStatus)).Cast<OnboardingStatus>().Where(s => s != OnboardingStatus.Pass).ToArray() : FailOn;
                Run(async (writer, ct) =>
                {
                    using (var gate = new SemaphoreSlim(ThrottleLimit))
                    {
                        var done = 0;
                        writer.WriteProgress("Onboarding", $"0 of {customers.Count} customers checked", 0, force: true);
                        await Task.WhenAll(customers.Select(async customer =>
                        {
                            await gate.WaitAsync(ct).ConfigureAwait(false);
                            try
                            {
                                customer.Started = DateTimeOffset.Now;
                                // The runner also leaves nothing behind at the services (each service's FinishAsync).
                                await new OnboardingRunner(customer.Context, r => { lock (customer.Results) customer.Results.Add(r); writer.WriteObject(r); }, writer.WriteVerbose)
                                    .RunAsync(ct).ConfigureAwait(false);
                            }
                            finally { gate.Release(); }
                            Finish(customer, failOn, writer);
                            var n = Interlocked.Increment(ref done);
                            writer.WriteProgress("Onboarding", $"{n} of {customers.Count} customers checked (last: {customer.Name})", n * 100 / customers.Count, force: n == customers.Count);
                        })).ConfigureAwait(false);
                    }
                }, names.Count == 1 ? names[0] : null);
            }
            finally
            {
                foreach (var customer in customers)
                    foreach (var service in customer.Context.Services) service.Dispose();
            }
            // The run order is the order asked for, whatever order the customers finished in.
            foreach (var customer in customers.Where(c => c.Started != default)) _runs.Add(new OnboardingRun(customer.Name, customer.Results, customer.Started));
        }

        /// <summary>A customer is done: its log, and its warning or Onboarding.CheckFailed error, as soon as it finishes.</summary>
        static void Finish(CustomerRun customer, OnboardingStatus[] failOn, PipelineWriter writer)
        {
            var name = customer.Name;
            var results = customer.Results;
            writer.WriteVerbose("Results logged to " + OnboardingLog.Write(name, results, customer.Started));
            var throttled = results.Count(r => r.Status == OnboardingStatus.Throttled);
            if (throttled > 0 && !failOn.Contains(OnboardingStatus.Throttled))
                writer.WriteWarning($"Onboarding of '{name}': {throttled} check(s) were throttled and not checked; run again later (they are not the customer's failures).");
            var failed = results.Where(r => failOn.Contains(r.Status)).ToList();
            if (failed.Count == 0) return;
            var message = $"Onboarding of '{name}': {failed.Count} check(s) failed the run: " + string.Join("; ", failed.Select(f => $"{f.Status} {f.Service} {f.Check}"))
                + $". Statuses that fail this run: {string.Join(", ", failOn)}.";
            writer.WriteError(new ErrorRecord(new InvalidOperationException(message), FailedErrorId, ErrorCategory.InvalidResult, name)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = failed.All(f => f.Status == OnboardingStatus.Throttled)
                        ? "Only throttled checks: run the onboarding again later."
                        : "Each result's Fix says what to do; run the onboarding again afterwards.",
                },
            });
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
