using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>The onboarding verdict over a policy comparison, shared by every service whose rights a policy document pins down.</summary>
    public static class PolicyVerdict
    {
        /// <summary>
        /// One verdict over a policy comparison, named by its weakest evidence: any difference is a Fail; what no
        /// source shows makes it Unverified; cells only a declared-actual file speaks for make it Attested when
        /// the file names who transcribed it and when, else Unverified; only when every cell was observed, Pass.
        /// </summary>
        public static OnboardingResult Summarize(IReadOnlyList<PolicyComparison> rows, string what, PolicyDocument declared, PolicyDocument desired, string fix, string note = "", string unverifiedStep = null)
        {
            var findings = rows.Where(r => r.IsFinding).ToList();
            var observed = rows.Count(r => r.Status == PolicyStatus.Match && r.IsObserved);
            var probes = rows.Count(r => r.Status == PolicyStatus.Match && r.Source == "Probe");
            var declaredCells = rows.Count(r => r.Status == PolicyStatus.Declared);
            var unverified = rows.Count(r => r.Status == PolicyStatus.Unverified);
            var copy = declared != null && declared.HasSameCellsAs(desired);
            var counts = $"{rows.Count} {what}: {observed} observed to match ({probes} by read probes), {declaredCells} declared in {(declared?.SourcePath ?? "no actual-state file")} but not observed, {unverified} unverified, {findings.Count} differ.";
            var copyNote = copy ? $" The declared-actual file has exactly the desired document's cells: it looks copied from it, not transcribed from LISA, so it proves nothing." : "";
            var sources = new List<string>();
            if (probes > 0) sources.Add($"{probes} read probe(s) with the probe key");
            if (rows.Any(r => r.Source == "UserList" && r.Actual != PolicyRightState.Unknown)) sources.Add("Lime's user list");
            if (rows.Any(r => r.Source == "EntitlementApi")) sources.Add("GET employee/entitlement");
            if (declaredCells > 0 || findings.Any(f => f.Source == "Declared")) sources.Add($"{declaredCells} cell(s) as declared in {declared?.SourcePath}" + (declared?.AttestedBy == null ? " (attested by nobody)" : $" (attested by {declared.AttestedBy}{(declared.AttestedOn == null ? "" : " on " + declared.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))})"));
            var evidence = sources.Count == 0 ? "none (no source could show them)" : string.Join("; ", sources);

            if (findings.Count > 0)
                return Make(OnboardingStatus.Fail, $"{findings.Count} of {rows.Count} {what} differ from the document: " +
                    string.Join("; ", findings.Take(5).Select(f => $"{f.Status} {f.Right} for {f.Group} on {f.Policy}{(f.Source == "Declared" ? " (declared)" : "")}")) + (findings.Count > 5 ? "; …" : "") + ". " + counts + note, fix, evidence);
            if (unverified > 0 || declaredCells > 0 && (declared?.AttestedBy == null || declared.AttestedOn == null || copy))
                return Make(OnboardingStatus.Unverified, counts + copyNote + note, unverifiedStep ??
                    ((unverified > 0 ? "Give the profile the API user's key (probeApiKey) and an administrator's apiKey, and " : "") +
                    "transcribe LISA (Security → Policies → Group Access, and Lime Admin → Groups) into an actual-state file (policyActualPath) with attestedBy: and attestedOn:, then run again."), evidence);
            if (declaredCells > 0)
                return Attested(counts + $" The declared cells are {declared.AttestedBy}'s transcription of {declared.AttestedOn:yyyy-MM-dd}." + note,
                    declared.AttestedBy, declared.AttestedOn.Value, evidence);
            return Make(OnboardingStatus.Pass, $"All {rows.Count} {what} were observed to match the document. " + counts + note, evidence);
        }


        static OnboardingResult Make(OnboardingStatus status, string detail, string fix, string evidence) =>
            new OnboardingResult { Status = status, Detail = detail, Fix = fix, Evidence = evidence };
        static OnboardingResult Make(OnboardingStatus status, string detail, string evidence) => Make(status, detail, null, evidence);
        static OnboardingResult Attested(string detail, string by, DateTime on, string evidence) =>
            new OnboardingResult { Status = OnboardingStatus.Attested, Detail = detail, Evidence = evidence, AttestedBy = by, AttestedOn = on };
    }
}
