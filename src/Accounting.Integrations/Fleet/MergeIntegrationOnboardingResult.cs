using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Fleet;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Fleet
{
    /// <summary>
    /// Merge-IntegrationOnboardingResult: combines workers' result files (JSON lines from Invoke-IntegrationOnboarding
    /// -ResultPath, e.g. one per shard) and/or piped onboarding results into one picture of the fleet, each customer
    /// once (its newest run; an older run of the same customer is named in a warning and left out). With -Destination it
    /// writes the HTML dashboard, Markdown, CSV or JSON lines (by -Format, else by the file's extension) and returns the
    /// file; without, it returns the merged results.
    /// </summary>
    [Cmdlet(VerbsData.Merge, "IntegrationOnboardingResult", SupportsShouldProcess = true)]
    [OutputType(typeof(OnboardingResult), typeof(FileInfo))]
    public sealed class MergeIntegrationOnboardingResult : ModuleCmdlet
    {
        // One parameter set: with a set each, PowerShell bound piped results to -Path's set only and refused them.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>Results straight from Invoke-IntegrationOnboarding (each piped profile counts as checked now).</summary>
        [Parameter(ValueFromPipeline = true)]
        public OnboardingResult[] InputObject { get; set; }

        /// <summary>The file to write; without it the merged results go to the pipeline.</summary>
        [Parameter(Position = 1)]
        public string Destination { get; set; }

        /// <summary>Html (the dashboard), Markdown, Csv or Jsonl; by default from -Destination's extension (.html, .md, .csv, .jsonl), else Html.</summary>
        // A string, not the core's enum: a value-type field of a core type would load the core before ModuleInitializer can resolve it.
        [Parameter]
        [ValidateSet("Html", "Markdown", "Csv", "Jsonl")]
        public string Format { get; set; }

        readonly List<OnboardingRun> _runs = new List<OnboardingRun>();
        readonly List<OnboardingResult> _piped = new List<OnboardingResult>();
        readonly DateTimeOffset _started = DateTimeOffset.Now;
        string _destination;
        string _format;

        protected override void BeginProcessing()
        {
            if (Destination == null)
            {
                if (Format != null) ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Format), "-Format needs -Destination: the file to write (e.g. ./fleet.html).", Format));
                return;
            }
            _destination = FileSystemPath.Resolve(this, Destination, nameof(Destination));
            if (Directory.Exists(_destination))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Destination), $"-Destination {_destination} is a folder; give a file name in it, e.g. {System.IO.Path.Combine(_destination, "fleet.html")}.", _destination));
            if (!Directory.Exists(System.IO.Path.GetDirectoryName(_destination)))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Destination), $"-Destination: the folder {System.IO.Path.GetDirectoryName(_destination)} does not exist; create it first.", _destination));
            _format = Format ?? FormatOf(_destination);
        }

        static string FormatOf(string path)
        {
            switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
            {
                case ".md": case ".markdown": return "Markdown";
                case ".csv": return "Csv";
                case ".jsonl": case ".ndjson": return "Jsonl";
                default: return "Html";
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
                foreach (var r in InputObject) if (r != null) _piped.Add(r);
            if (Path != null)
                foreach (var path in Path) Read(path);
        }

        void Read(string path)
        {
            var files = FileSystemPath.ResolveFiles(this, path, nameof(Path), "the workers' result files", "./results/*.jsonl");
            foreach (var file in files)
            {
                string text;
                try { text = SafeFile.ReadAllText(file, FleetResultFile.MaxFileBytes); }
                catch (FileAccessException ex) { ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, nameof(Path), file)); return; }
                catch (IOException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), $"-Path: {file} cannot be read: {ex.Message}", file)); return; }
                try { _runs.AddRange(FleetResultFile.Parse(text, file)); }
                catch (FormatException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), "-Path: " + ex.Message, file)); }
                WriteVerbose($"Read {file}.");
            }
        }

        protected override void EndProcessing()
        {
            if (Path == null && _piped.Count == 0 && _runs.Count == 0)
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), "Nothing to merge: give -Path with the workers' result files (e.g. ./results/*.jsonl), or pipe in Invoke-IntegrationOnboarding's results.", null));
            foreach (var group in _piped.GroupBy(r => r.Profile ?? "", StringComparer.OrdinalIgnoreCase))
                _runs.Add(new OnboardingRun(group.Key, group.ToList(), _started));
            var merge = FleetMerge.Of(_runs);
            foreach (var old in merge.Superseded)
                WriteWarning($"Profile '{old.Profile}' appears more than once; its run of {old.At:yyyy-MM-dd HH:mm:ss zzz} is left out for the newer one (overlapping shards, or a rerun).");
            if (_destination == null)
            {
                foreach (var run in merge.Runs)
                    foreach (var r in run.Results) WriteObject(r);
                return;
            }
            if (!ShouldProcess(_destination, $"Write the {_format} report of {merge.Runs.Count} customer(s)")) return;
            FileSystemPath.WriteText(this, _destination, FleetReport.Render(merge.Runs, (FleetReportFormat)Enum.Parse(typeof(FleetReportFormat), _format), DateTimeOffset.Now), nameof(Destination));
            WriteVerbose($"{_format} report of {merge.Runs.Count} customer(s), {merge.Runs.Sum(r => r.Results.Count)} checks, written to {_destination}.");
            WriteObject(new FileInfo(_destination));
        }
    }
}
