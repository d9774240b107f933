using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>
    /// Set-IntegrationPolicy: applies what an API allows (Tripletex entitlement templates) and, for Lime,
    /// whose policies no API writes, writes the LISA review checklist. Returns the diff as it stands
    /// afterwards; what is still Missing or Excess is an error, and nothing only listed is called applied.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "IntegrationPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PolicyComparison))]
    public sealed class SetIntegrationPolicy : PolicyComparisonCmdlet
    {
        /// <summary>Where to write the LISA checklist (.md for Markdown, .csv for CSV).</summary>
        [Parameter]
        public string ChecklistPath { get; set; }

        [Parameter]
        [ValidateSet("Markdown", "Csv")]
        public string ChecklistFormat { get; set; }

        protected override void ProcessRecord()
        {
            if (!ReadInput()) return;
            var format = ChecklistFormat ?? (ChecklistPath != null && ChecklistPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "Csv" : "Markdown");
            var tripletexWithoutConnection = Desired.Tripletex.Any(t => t.Template != null) && TripletexConnection == null;
            if (tripletexWithoutConnection)
                WriteWarning("The document names Tripletex templates but no -TripletexConnection was given: the Tripletex part is neither read nor applied.");

            IReadOnlyList<PolicyComparison> before = null;
            Run(async (writer, ct) => before = await CompareAsync(writer, ct).ConfigureAwait(false), Path, terminating: true);

            // Tripletex: grant the named template where the entitlements differ. ShouldProcess runs here, on the pipeline thread.
            var toGrant = Desired.Tripletex
                .Where(t => t.Template != null && TripletexConnection != null && before.Any(c => c.Service == "Tripletex" && c.Policy == "employee " + t.EmployeeId && c.IsFinding))
                .Where(t => ShouldProcess($"Tripletex employee {t.EmployeeId}{(t.Label == null ? "" : " (" + t.Label + ")")}", $"Grant entitlement template {t.Template}"))
                .ToList();
            var after = before;
            if (toGrant.Count > 0)
                Run(async (writer, ct) =>
                {
                    foreach (var t in toGrant)
                    {
                        await TripletexConnection.Client.GrantEntitlementTemplateAsync(t.EmployeeId, t.Template, ct).ConfigureAwait(false);
                        writer.WriteVerbose($"Granted template {t.Template} to Tripletex employee {t.EmployeeId}.");
                    }
                    // Read back: the employee only receives what its user type allows, so the result is observed, not assumed.
                    after = await CompareAsync(writer, ct).ConfigureAwait(false);
                }, Path, terminating: true);

            if (ChecklistPath != null)
            {
                var full = FileSystemPath.Resolve(this, ChecklistPath, nameof(ChecklistPath));
                if (ShouldProcess(full, $"Write the LISA checklist ({format})"))
                    FileSystemPath.WriteText(this, full, format == "Csv" ? PolicyReport.ChecklistCsv(Desired, after) : PolicyReport.ChecklistMarkdown(Desired, after), nameof(ChecklistPath));
            }
            else if (after.Any(c => c.Service == "Lime" && c.Status != PolicyStatus.Match))
            {
                WriteWarning("Lime policies cannot be written by any API; pass -ChecklistPath to get the LISA steps for what is Missing, Excess or Unverified.");
            }

            foreach (var c in after)
            {
                WriteObject(c);
                if (c.IsFinding) WriteError(PolicyCmdletSupport.FindingError(c));
            }
        }
    }
}
