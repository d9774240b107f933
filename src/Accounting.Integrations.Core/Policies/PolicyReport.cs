using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>A policy's rights for one group, one row of the R/W/A/D matrix.</summary>
    public sealed class PolicyMatrixRow
    {
        public string Policy { get; set; }
        public string Table { get; set; }
        public string Field { get; set; }
        public string Group { get; set; }
        public bool R { get; set; }
        public bool W { get; set; }
        public bool A { get; set; }
        public bool D { get; set; }
        public string Justification { get; set; }
    }

    /// <summary>The matrix (Export-IntegrationPolicy) and the LISA review checklist (Set-IntegrationPolicy) as Markdown or CSV.</summary>
    public static class PolicyReport
    {
        public static IReadOnlyList<PolicyMatrixRow> Matrix(PolicyDocument doc) =>
            doc.Policies.SelectMany(p => doc.Groups.Select(g => g.Name).Concat(p.Grants.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(g => new PolicyMatrixRow
                {
                    Policy = p.Name, Table = p.Table, Field = p.Field, Group = g, Justification = p.Justification,
                    R = p.Has(g, 'R'), W = p.Has(g, 'W'), A = p.Has(g, 'A'), D = p.Has(g, 'D'),
                })).ToList();

        /// <summary>One table per group, in the shape of the Billecta guide's (Policy name, R, W, A, D, Table).</summary>
        public static string MatrixMarkdown(PolicyDocument doc)
        {
            var b = new StringBuilder();
            b.Append("# Policies").Append(doc.Application == null ? "" : " for " + doc.Application).Append("\n");
            foreach (var byGroup in Matrix(doc).GroupBy(r => r.Group, StringComparer.OrdinalIgnoreCase))
            {
                var rows = byGroup.Where(r => r.R || r.W || r.A || r.D).ToList();
                if (rows.Count == 0) continue;
                b.Append("\n## ").Append(byGroup.Key).Append("\n\n| Policy name | R | W | A | D | Table |\n|---|---|---|---|---|---|\n");
                foreach (var r in rows)
                    b.Append("| ").Append(Cell(r.Policy)).Append(" | ").Append(Tick(r.R)).Append(" | ").Append(Tick(r.W)).Append(" | ").Append(Tick(r.A)).Append(" | ").Append(Tick(r.D))
                        .Append(" | ").Append(Cell(r.Field == null ? r.Table : r.Table + "." + r.Field)).Append(" |\n");
            }
            return b.ToString();
        }

        public static string MatrixCsv(PolicyDocument doc)
        {
            var b = new StringBuilder("Policy,Table,Field,Group,R,W,A,D,Justification\n");
            foreach (var r in Matrix(doc))
                b.Append(string.Join(",", Csv(r.Policy), Csv(r.Table), Csv(r.Field), Csv(r.Group), Flag(r.R), Flag(r.W), Flag(r.A), Flag(r.D), Csv(r.Justification))).Append('\n');
            return b.ToString();
        }

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

        static string Tick(bool on) => on ? "✅" : "";
        static string Flag(bool on) => on ? "1" : "0";
        static string Cell(string s) => (s ?? "").Replace("|", "\\|").Replace("\n", " ");

        /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
        static string Csv(string s)
        {
            if (string.IsNullOrEmpty(s)) return "";
            if ("=+-@".IndexOf(s[0]) >= 0) s = "'" + s;
            return s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }
    }
}
