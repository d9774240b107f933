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

    /// <summary>The matrix of policies and groups (Export-IntegrationPolicy) as Markdown or CSV; each service's checklist (Set-IntegrationPolicy) is its part of this class, in its folder.</summary>
    public static partial class PolicyReport
    {
        public static IReadOnlyList<PolicyMatrixRow> Matrix(PolicyDocument doc) =>
            doc.Policies.SelectMany(p => doc.Groups.Select(g => g.Name).Concat(p.Grants.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(g => new PolicyMatrixRow
                {
                    Policy = p.Name, Table = p.Table, Field = p.Field, Group = g, Justification = p.Justification,
                    R = p.Has(g, 'R'), W = p.Has(g, 'W'), A = p.Has(g, 'A'), D = p.Has(g, 'D'),
                })).ToList();

        /// <summary>One table per group, in the shape of the setup guides' (Policy name, R, W, A, D, Table).</summary>
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

        static string Tick(bool on) => on ? "✅" : "";
        static string Flag(bool on) => on ? "1" : "0";
        internal static string Cell(string s) => (s ?? "").Replace("|", "\\|").Replace("\n", " ");

        /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
        internal static string Csv(string s)
        {
            if (string.IsNullOrEmpty(s)) return "";
            if ("=+-@".IndexOf(s[0]) >= 0) s = "'" + s;
            return s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }
    }
}
