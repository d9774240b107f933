using System.IO;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>Export-IntegrationPolicy: a document's R/W/A/D matrix as objects (one per policy and group), Markdown or CSV.</summary>
    [Cmdlet(VerbsData.Export, "IntegrationPolicy", SupportsShouldProcess = true)]
    [OutputType(typeof(PolicyMatrixRow), typeof(string), typeof(FileInfo))]
    public sealed class ExportIntegrationPolicy : ModuleCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [FilePathArgument]
        public string Path { get; set; }

        [Parameter]
        [ValidateSet("Table", "Markdown", "Csv")]
        public string Format { get; set; } = "Table";

        /// <summary>Writes the Markdown or CSV to this file instead of the pipeline.</summary>
        [Parameter]
        public string OutFile { get; set; }

        protected override void ProcessRecord()
        {
            var doc = PolicyCmdletSupport.Read(this, Path, nameof(Path), out var error);
            if (doc == null) { WriteError(error); return; }
            if (Format == "Table")
            {
                if (OutFile != null) ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(nameof(OutFile), "-OutFile needs -Format Markdown or Csv.", OutFile));
                foreach (var row in PolicyReport.Matrix(doc)) WriteObject(row);
                return;
            }
            var text = Format == "Markdown" ? PolicyReport.MatrixMarkdown(doc) : PolicyReport.MatrixCsv(doc);
            if (OutFile == null) { WriteObject(text); return; }
            var full = FileSystemPath.Resolve(this, OutFile, nameof(OutFile));
            if (!ShouldProcess(full, $"Write the policy matrix as {Format}")) return;
            FileSystemPath.WriteText(this, full, text, nameof(OutFile));
            WriteObject(new FileInfo(full));
        }
    }
}
