using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>New-IntegrationPolicy: a starting policy document from the shipped baselines, as YAML text or a file.</summary>
    [Cmdlet(VerbsCommon.New, "IntegrationPolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Text")]
    [OutputType(typeof(string), ParameterSetName = new[] { "Text" })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { "File" })]
    public sealed class NewIntegrationPolicy : ModuleCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(PolicyBaselineCompleter))]
        public string[] Baseline { get; set; } = { "billecta" };

        /// <summary>The Lime application (database) name the document is for.</summary>
        [Parameter]
        public string Application { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "File")]
        public string Path { get; set; }

        [Parameter(ParameterSetName = "File")]
        public SwitchParameter Force { get; set; }

        /// <summary>The Tripletex employee the integration's key belongs to; adds a tripletex: entry.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TripletexEmployeeId { get; set; }

        [Parameter]
        public string TripletexEmployee { get; set; }

        [Parameter]
        [ValidateSet("NONE_PRIVILEGES", "ALL_PRIVILEGES", "INVOICING_MANAGER", "PERSONELL_MANAGER", "ACCOUNTANT", "AUDITOR", "DEPARTMENT_LEADER")]
        public string TripletexTemplate { get; set; }

        [Parameter]
        public string[] TripletexEntitlement { get; set; }

        protected override void EndProcessing()
        {
            var baselines = PolicyCmdletSupport.Baselines;
            var known = baselines.Names;
            var unknown = Baseline.Where(b => !known.Contains(b, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Baseline), $"-Baseline {string.Join(", ", unknown)} is not shipped; choose from {string.Join(", ", known)}.", unknown[0]));
            var tripletexGiven = MyInvocation.BoundParameters.ContainsKey(nameof(TripletexEmployeeId));
            if (!tripletexGiven && (TripletexTemplate != null || TripletexEntitlement != null || TripletexEmployee != null))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(TripletexEmployeeId), "-TripletexTemplate, -TripletexEntitlement and -TripletexEmployee need -TripletexEmployeeId (the integration employee's id; Get-TripletexEntitlement shows it).", null));

            var doc = new PolicyDocument { SchemaVersion = PolicyDocument.CurrentSchemaVersion, Application = Application };
            foreach (var name in Baseline) doc.Merge(baselines.Load(name));
            if (tripletexGiven)
            {
                var requirement = new TripletexRequirement { EmployeeId = TripletexEmployeeId, Label = TripletexEmployee, Template = TripletexTemplate };
                requirement.Entitlements.AddRange(TripletexEntitlement ?? new string[0]);
                doc.Tripletex.Add(requirement);
            }
            var text = PolicyDocumentWriter.Write(doc,
                $"Integration policy made by New-IntegrationPolicy from {string.Join(", ", Baseline)} on {DateTime.UtcNow:yyyy-MM-dd}.\n" +
                "Keep it in version control. Test-IntegrationPolicy lints it; Compare-IntegrationPolicy checks it; see about_IntegrationPolicy.");

            if (ParameterSetName == "Text")
            {
                WriteObject(text);
                return;
            }
            var full = FileSystemPath.Resolve(this, Path, nameof(Path));
            if (Directory.Exists(full))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), $"-Path {full} is a folder; give a file name in it, e.g. {System.IO.Path.Combine(full, "policy.yaml")}.", full));
            if (!Directory.Exists(System.IO.Path.GetDirectoryName(full)))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), $"-Path: the folder {System.IO.Path.GetDirectoryName(full)} does not exist; create it first, or give a path in an existing folder.", full));
            if (File.Exists(full) && !Force)
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Path), $"{full} exists; pass -Force to overwrite it, or choose another -Path.", full,
                    category: ErrorCategory.ResourceExists));
            if (!ShouldProcess(full, "Write policy document")) return;
            FileSystemPath.WriteText(this, full, text, nameof(Path));
            WriteObject(new FileInfo(full));
        }
    }
}
