using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>New-IntegrationPolicy: a starting policy document from the shipped baselines, as YAML text or a file. A policy section's own parameters (a partial of this class in its service's folder) add its entries.</summary>
    [Cmdlet(VerbsCommon.New, "IntegrationPolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Text")]
    [OutputType(typeof(string), ParameterSetName = new[] { "Text" })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { "File" })]
    public sealed partial class NewIntegrationPolicy : ModuleCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(PolicyBaselineCompleter))]
        public string[] Baseline { get; set; } = PolicyBaselines.Default;

        /// <summary>The application (database) name the document is for.</summary>
        [Parameter]
        public string Application { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "File")]
        public string Path { get; set; }

        [Parameter(ParameterSetName = "File")]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            var baselines = PolicyCmdletSupport.Baselines;
            var known = baselines.Names;
            var unknown = Baseline.Where(b => !known.Contains(b, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(Baseline), $"-Baseline {string.Join(", ", unknown)} is not shipped; choose from {string.Join(", ", known)}.", unknown[0]));
            var inputs = PolicyCmdletSupport.Inputs(this);
            var doc = new PolicyDocument { SchemaVersion = PolicyDocument.CurrentSchemaVersion, Application = Application };
            foreach (var name in Baseline) doc.Merge(baselines.Load(name));
            foreach (var section in PolicySections.All)
            {
                var problem = section.AddFromInputs(doc, inputs);
                if (problem != null) ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(problem.Parameter, problem.Message, null));
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
