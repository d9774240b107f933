using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// The lint rules of Lime's part (lime.md §8.2): rights only from RWAD, no A/D on field policies, Lime's tbl_/fld_
    /// naming, W without R, D without a justification, grants to undeclared groups, every table the integration
    /// touches covered, API users in one group only.
    /// </summary>
    static class LimePolicyLint
    {
        public static void Lint(PolicyDocument doc, PolicyLint lint)
        {
            void Add(string rule, PolicyFindingSeverity severity, string policy, string group, int line, string message, string fix) =>
                lint.Add(rule, severity, policy, group, line, message, fix);
            const PolicyFindingSeverity E = PolicyFindingSeverity.Error, W = PolicyFindingSeverity.Warning;
            var templateTables = lint.TemplateTables;

            if (doc.Groups.Count == 0 && doc.Policies.Count > 0)
                Add("PL007", E, null, null, 1, "The document declares no groups.", "List each group under groups: with its members.");

            foreach (var duplicate in doc.Policies.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                Add("PL009", E, duplicate.Key, null, duplicate.Last().Line, $"Policy {duplicate.Key} is declared {duplicate.Count()} times.", "Keep one entry per policy and merge the grants.");
            foreach (var duplicate in doc.Policies.GroupBy(p => p.Target, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                Add("PL009", E, duplicate.Last().Name, null, duplicate.Last().Line,
                    $"{duplicate.Count()} policies ({string.Join(", ", duplicate.Select(p => p.Name))}) target {duplicate.Key}; a table or field points at one policy in LISA.", "Keep one policy per target.");

            foreach (var p in doc.Policies)
            {
                var expected = p.IsField ? $"fld_{p.Table}_{p.Field}" : $"tbl_{p.Table}";
                if (!string.Equals(p.Name, expected, StringComparison.OrdinalIgnoreCase))
                    Add("PL004", W, p.Name, null, p.Line, $"Policy {p.Name} on {p.Target} does not follow Lime's naming ({expected}).", $"Rename it {expected}, and keep names uniform in the solution.");
                foreach (var grant in p.Grants)
                {
                    var rights = (grant.Value ?? "").ToUpperInvariant();
                    var bad = rights.Where(c => "RWAD".IndexOf(c) < 0).Distinct().ToList();
                    if (bad.Count > 0)
                        Add("PL002", E, p.Name, grant.Key, p.Line, $"Policy {p.Name} gives {grant.Key} '{grant.Value}': {string.Join("", bad)} is not a Lime right.", "Use only R (read), W (write), A (add) and D (delete).");
                    if (rights.Length != rights.Distinct().Count())
                        Add("PL002", E, p.Name, grant.Key, p.Line, $"Policy {p.Name} gives {grant.Key} '{grant.Value}' with a right twice.", "Write each right once, in the order RWAD.");
                    if (p.IsField && (rights.Contains('A') || rights.Contains('D')))
                        Add("PL003", E, p.Name, grant.Key, p.Line, $"Field policy {p.Name} gives {grant.Key} {(rights.Contains('A') ? "A" : "D")}; Add and Delete exist on tables only.", "Give fields R and W only; put A or D on the table's policy.");
                    if (rights.Contains('W') && !rights.Contains('R'))
                        Add("PL005", E, p.Name, grant.Key, p.Line, $"Policy {p.Name} gives {grant.Key} W without R; without R the {(p.IsField ? "field" : "table")} is invisible, so W is useless.", "Add R, or remove W.");
                    if (rights.Contains('D') && string.IsNullOrWhiteSpace(p.Justification))
                        Add("PL006", W, p.Name, grant.Key, p.Line, $"Policy {p.Name} gives {grant.Key} D (delete) without a justification.", "Add 'justification:' saying why this group deletes, or remove D (least privilege).");
                    if (doc.Groups.Count > 0 && doc.Group(grant.Key) == null)
                        Add("PL007", E, p.Name, grant.Key, p.Line, $"Policy {p.Name} grants to {grant.Key}, which the document does not declare under groups.", "Declare the group with its members, or fix the group name.");
                }
            }

            var covered = new HashSet<string>(doc.Policies.Where(p => !p.IsField).Select(p => p.Table), StringComparer.OrdinalIgnoreCase);
            var touched = new List<(string Table, string Why)>();
            foreach (var t in doc.Templates)
            {
                if (templateTables == null) continue;
                if (!templateTables.TryGetValue(t, out var tables))
                {
                    Add("PL010", E, null, null, 1, $"Template {t} is not a shipped baseline ({string.Join(", ", templateTables.Keys)}).", "Name a baseline from module/policies, or remove it from templates.");
                    continue;
                }
                touched.AddRange(tables.Select(x => (x, "baseline " + t)));
            }
            touched.AddRange(doc.Tables.Select(x => (x, "tables:")));
            foreach (var (table, why) in touched.GroupBy(x => x.Table, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
                if (!covered.Contains(table))
                    Add("PL008", E, "tbl_" + table, null, 1, $"The integration touches {table} ({why}) but no policy covers it.", $"Add a policy tbl_{table} with the rights each group needs.");

            foreach (var member in doc.Groups.SelectMany(g => g.Members.Select(m => (Group: g, Member: m)))
                         .Where(x => string.Equals(x.Member.UserType, "API", StringComparison.OrdinalIgnoreCase))
                         .GroupBy(x => x.Member.Name, StringComparer.OrdinalIgnoreCase).Where(x => x.Count() > 1))
                Add("PL011", W, null, member.Key, member.First().Group.Line, $"API user {member.Key} is in {member.Count()} groups ({string.Join(", ", member.Select(x => x.Group.Name))}).",
                    "Keep an API user in its integration's own group only (Lime warns against broad groups).");
        }
    }
}
