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
    /// Set-IntegrationPolicy: applies what an API allows (the grants of each section that has them, <see cref="IPolicyGrants"/>)
    /// and, for what no API writes, writes the review checklist. Returns the diff as it stands afterwards; what is still
    /// Missing or Excess is an error, and nothing only listed is called applied. It changes nothing for a document with
    /// lint errors, and refuses a grant that would take from the caller the rights every later grant needs (a plan's
    /// self-lockout) unless -AllowSelfLockout is given.
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

        /// <summary>Let a grant take the caller's own administrator rights (it is then done last).</summary>
        [Parameter]
        public SwitchParameter AllowSelfLockout { get; set; }

        protected override void ProcessRecord()
        {
            if (!ReadInput()) return;
            // A document with lint errors is not applied in part: nothing is called, nothing is written.
            var errors = PolicyLinter.Lint(Desired, PolicyCmdletSupport.Baselines.TablesByTemplate()).Where(f => f.Severity == PolicyFindingSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                var message = $"{Desired.SourcePath} has {errors.Count} lint error(s), so nothing was changed and no checklist was written: " +
                    string.Join("; ", errors.Select(e => $"{e.Rule} line {e.Line}: {e.Message}")) + ".";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), PolicyCmdletSupport.LintFailed, ErrorCategory.InvalidData, Desired.SourcePath)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = errors[0].Fix + " Test-IntegrationPolicy lists every finding; fix them, then run Set-IntegrationPolicy again." },
                });
            }
            var format = ChecklistFormat ?? (ChecklistPath != null && ChecklistPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "Csv" : "Markdown");
            var inputs = PolicyCmdletSupport.Inputs(this);
            foreach (var section in PolicySections.Grants)
            {
                var warning = section.ApplyWarning(Desired, inputs);
                if (warning != null) WriteWarning(warning);
            }

            IReadOnlyList<PolicyComparison> before = null;
            var plans = new List<PolicyGrantPlan>();
            Run(async (writer, ct) =>
            {
                before = await CompareAsync(writer, ct).ConfigureAwait(false);
                foreach (var section in PolicySections.Grants) plans.Add(await section.PlanAsync(Desired, inputs, before, ct).ConfigureAwait(false));
            }, Path, terminating: true);

            // Before any change: a grant that takes the caller's own administrator rights would leave every later grant
            // refused, the caller locked out.
            var grants = new List<PolicyGrant>();
            foreach (var plan in plans)
            {
                if (plan.SelfLockout != null)
                {
                    if (!AllowSelfLockout)
                        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(plan.SelfLockoutMessage), PolicyCmdletSupport.SelfLockout, ErrorCategory.PermissionDenied, plan.SelfLockoutTarget)
                        {
                            ErrorDetails = new ErrorDetails(plan.SelfLockoutMessage) { RecommendedAction = plan.SelfLockoutFix },
                        });
                    WriteWarning(plan.SelfLockoutMessage.Replace("Refused: the", "-AllowSelfLockout: the").Replace(" Nothing was changed.", " It is applied last."));
                    plan.Grants.Remove(plan.SelfLockout);
                    plan.Grants.Add(plan.SelfLockout);
                }
                grants.AddRange(plan.Grants);
            }

            // ShouldProcess runs here, on the pipeline thread, and says every change the grant makes.
            var toGrant = grants.Where(g => ShouldProcess(g.Target, g.Action)).ToList();
            var after = before;
            if (toGrant.Count > 0)
                Run(async (writer, ct) =>
                {
                    foreach (var g in toGrant)
                    {
                        await g.ApplyAsync(ct).ConfigureAwait(false);
                        writer.WriteVerbose(g.Done);
                    }
                    // Read back: a service may grant less than asked, so the result is observed, not assumed.
                    after = await CompareAsync(writer, ct).ConfigureAwait(false);
                }, Path, terminating: true);

            if (ChecklistPath != null)
            {
                var full = FileSystemPath.Resolve(this, ChecklistPath, nameof(ChecklistPath));
                if (ShouldProcess(full, $"Write the LISA checklist ({format})"))
                    FileSystemPath.WriteText(this, full, format == "Csv" ? PolicyReport.ChecklistCsv(Desired, after) : PolicyReport.ChecklistMarkdown(Desired, after), nameof(ChecklistPath));
            }
            else
            {
                foreach (var section in PolicySections.All)
                {
                    var warning = section.ManualStepsWarning(after);
                    if (warning != null) WriteWarning(warning);
                }
            }

            foreach (var c in after)
            {
                WriteObject(c);
                if (c.IsFinding) WriteError(PolicyCmdletSupport.FindingError(c));
            }
        }
    }
}
