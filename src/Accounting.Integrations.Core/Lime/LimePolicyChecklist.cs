using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Lime's checklist: no API writes Lime policies, so Set-IntegrationPolicy writes the steps an admin follows in LISA and Lime Admin.</summary>
    public static partial class PolicyReport
    {
        /// <summary>
        /// The steps an admin follows in LISA, in LISA's order: users and groups (Lime Admin), then per policy
        /// open or create it, set the Group Access grid, attach it in the Designer; then restart and test.
        /// Every row has a sign-off cell; rows whose state differs say what to tick or untick.
        /// </summary>
        public static IReadOnlyList<string[]> Checklist(PolicyDocument doc, IReadOnlyList<PolicyComparison> diff)
        {
            var rows = new List<string[]>();
            int step = 0;
            void Add(string where, string action, string state) => rows.Add(new[] { (++step).ToString(System.Globalization.CultureInfo.InvariantCulture), where, action, state });

            foreach (var group in doc.Groups)
            {
                Add("Lime Admin → Groups", $"Check that group \"{group.Name}\" exists (the package setup creates it).", "");
                foreach (var member in group.Members)
                {
                    var found = diff.FirstOrDefault(d => d.Policy == "(users)" && d.Group == group.Name && d.Target == member.Name);
                    Add("Lime Admin → Users", $"Check that {member.Name}{(member.UserType == null ? "" : " (" + member.UserType + ")")} is active and a member of \"{group.Name}\".", State(found));
                }
            }
            foreach (var policy in doc.Policies)
            {
                Add($"LISA → Security → Policies", $"Open policy {policy.Name}, or create it with that name.", "");
                foreach (var group in doc.Groups)
                {
                    var want = new string(policy.ApplicableRights.Where(r => policy.Has(group.Name, r)).ToArray());
                    var mine = diff.Where(d => d.Service == "Lime" && d.Policy == policy.Name && d.Group == group.Name).ToList();
                    var changes = string.Join("; ", mine.Where(d => d.IsFinding).Select(d => (d.Status == PolicyStatus.Missing ? "tick " : "untick ") + d.Right));
                    var unverified = mine.Where(d => d.Status == PolicyStatus.Unverified).Select(d => d.Right).ToList();
                    var declared = mine.Where(d => d.Status == PolicyStatus.Declared).Select(d => d.Right).ToList();
                    // "Matches" only for what a probe or API showed; a declared-actual file's word is only declared.
                    var state = changes.Length > 0 ? "CHANGE: " + changes
                        : unverified.Count > 0 ? "Unverified: " + string.Join("", unverified) + (declared.Count > 0 ? "; declared, not observed: " + string.Join("", declared) : "")
                        : declared.Count > 0 ? "Declared, not observed: " + string.Join("", declared) + (mine.Any(d => d.Status == PolicyStatus.Match) ? "; observed: " + string.Join("", mine.Where(d => d.Status == PolicyStatus.Match).Select(d => d.Right)) : "")
                        : mine.Count > 0 ? "Matches (observed)" : "";
                    if (want.Length == 0 && changes.Length == 0) continue;
                    Add($"LISA → Security → Policies → {policy.Name} → Group Access",
                        want.Length == 0 ? $"\"{group.Name}\": no rights (leave every box empty)." : $"\"{group.Name}\": exactly {string.Join(", ", want.Select(c => c.ToString()))}{(policy.Justification != null && want.Contains('D') ? " (D: " + policy.Justification + ")" : "")}.",
                        state);
                }
                Add($"LISA → Designer → {policy.Target}", $"Set Security Policy to {policy.Name}.", "");
            }
            Add("Lime clients", "Restart the clients, then run Compare-IntegrationPolicy again.", "");
            return rows;
        }

        public static string ChecklistMarkdown(PolicyDocument doc, IReadOnlyList<PolicyComparison> diff)
        {
            var b = new StringBuilder();
            b.Append("# LISA policy checklist").Append(doc.Application == null ? "" : " for " + doc.Application).Append("\n\n");
            b.Append("No public API writes Lime policies: these steps are done by hand in LISA and Lime Admin. Nothing here has been applied.\n\n");
            b.Append("| # | Where | Action | State | Done (initials, date) |\n|---|---|---|---|---|\n");
            foreach (var r in Checklist(doc, diff)) b.Append("| ").Append(string.Join(" | ", r.Select(Cell))).Append(" |  |\n");
            return b.ToString();
        }

        public static string ChecklistCsv(PolicyDocument doc, IReadOnlyList<PolicyComparison> diff)
        {
            var b = new StringBuilder("Step,Where,Action,State,Done\n");
            foreach (var r in Checklist(doc, diff)) b.Append(string.Join(",", r.Select(Csv))).Append(",\n");
            return b.ToString();
        }

        static string State(PolicyComparison c) =>
            c == null ? "" : c.Status == PolicyStatus.Match && c.IsObserved ? "Matches (observed)"
            : c.Status == PolicyStatus.Declared ? "Declared, not observed: " + c.Detail
            : c.Status == PolicyStatus.Unverified ? "Unverified: " + c.Detail
            : "CHANGE: " + c.Detail;
    }
}
