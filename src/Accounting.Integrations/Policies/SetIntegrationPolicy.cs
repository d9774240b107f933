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
    /// It changes nothing for a document with lint errors, and refuses a template grant that would take the
    /// administrator entitlements from the employee whose token makes the calls (then nothing after it could
    /// be granted) unless -AllowSelfLockout is given.
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

        /// <summary>Let a template grant take the calling employee's own administrator entitlements (it is then done last).</summary>
        [Parameter]
        public SwitchParameter AllowSelfLockout { get; set; }

        /// <summary>The entitlements that let a Tripletex employee grant others theirs (tripletex.md §8).</summary>
        static readonly string[] AdministratorEntitlements = { "ROLE_ADMINISTRATOR", "AUTH_EMPLOYEE_ADMIN" };

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
            var tripletexWithoutConnection = Desired.Tripletex.Any(t => t.Template != null) && TripletexConnection == null;
            if (tripletexWithoutConnection)
                WriteWarning("The document names Tripletex templates but no -TripletexConnection was given: the Tripletex part is neither read nor applied.");

            IReadOnlyList<PolicyComparison> before = null;
            int? caller = null;
            IReadOnlyList<Core.Tripletex.TripletexEntitlement> callerHolds = null;
            var candidates = Desired.Tripletex.Where(t => t.Template != null && TripletexConnection != null).ToList();
            Run(async (writer, ct) =>
            {
                before = await CompareAsync(writer, ct).ConfigureAwait(false);
                candidates = candidates.Where(t => before.Any(c => c.Service == "Tripletex" && c.Policy == "employee " + t.EmployeeId && c.IsFinding)).ToList();
                if (candidates.Count == 0) return;
                // Reads only: whose token this is, and what that employee holds now.
                caller = await TripletexConnection.Client.GetCallerEmployeeIdAsync(ct).ConfigureAwait(false);
                if (caller != null && candidates.Any(t => t.EmployeeId == caller))
                    callerHolds = await TripletexConnection.Client.GetEntitlementsAsync(caller, ct).ConfigureAwait(false);
            }, Path, terminating: true);

            // Before any change: a grant that replaces the caller's own entitlements with a template that does not keep
            // its administrator rights would leave every later grant refused (403), the caller locked out.
            var own = candidates.FirstOrDefault(t => t.EmployeeId == caller);
            if (own != null)
            {
                var losing = (callerHolds ?? new Core.Tripletex.TripletexEntitlement[0]).Select(e => e.Name)
                    .Where(n => AdministratorEntitlements.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
                if (losing.Count > 0 && !string.Equals(own.Template, "ALL_PRIVILEGES", StringComparison.OrdinalIgnoreCase))
                {
                    var later = candidates.Where(t => t != own).Select(t => "employee " + t.EmployeeId).ToList();
                    var message = $"Refused: the document grants template {own.Template} to Tripletex employee {own.EmployeeId}{(own.Label == null ? "" : " (" + own.Label + ")")}, " +
                        $"the employee whose token makes these calls. Tripletex replaces the employee's entitlements with the template's, which would remove {string.Join(" and ", losing)} from the caller: " +
                        "after that no entitlement can be granted with this token (403)" + (later.Count > 0 ? ", including the document's own grants to " + string.Join(", ", later) : "") +
                        ". Nothing was changed.";
                    if (!AllowSelfLockout)
                        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), PolicyCmdletSupport.SelfLockout, ErrorCategory.PermissionDenied, own.EmployeeId)
                        {
                            ErrorDetails = new ErrorDetails(message)
                            {
                                RecommendedAction = "Connect with another user administrator's employee token to change this employee, or remove its template from the document. " +
                                    "-AllowSelfLockout applies it anyway (last, after the other grants).",
                            },
                        });
                    WriteWarning(message.Replace("Refused: the", "-AllowSelfLockout: the").Replace(" Nothing was changed.", " It is applied last."));
                    candidates.Remove(own);
                    candidates.Add(own);
                }
            }

            // ShouldProcess runs here, on the pipeline thread, and says every entitlement the grant adds and removes.
            var toGrant = candidates.Where(t => ShouldProcess(
                    $"Tripletex employee {t.EmployeeId}{(t.Label == null ? "" : " (" + t.Label + ")")}",
                    $"Grant entitlement template {t.Template}{Changes(before, t)}"))
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

        /// <summary>": adds A, B; removes C" from the comparison before the grant (what the document wants changed; Tripletex decides the template's exact content).</summary>
        static string Changes(IReadOnlyList<PolicyComparison> before, TripletexRequirement t)
        {
            var mine = before.Where(c => c.Service == "Tripletex" && c.Policy == "employee " + t.EmployeeId).ToList();
            var adds = mine.Where(c => c.Status == PolicyStatus.Missing).Select(c => c.Right).ToList();
            var removes = mine.Where(c => c.Status == PolicyStatus.Excess).Select(c => c.Right).ToList();
            return $": adds {(adds.Count == 0 ? "nothing" : string.Join(", ", adds))}; removes {(removes.Count == 0 ? "nothing" : string.Join(", ", removes))} (as the document lists them; the template decides)";
        }
    }
}
