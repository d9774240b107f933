using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Fleet
{
    /// <summary>The formats one picture of the fleet comes in.</summary>
    public enum FleetReportFormat { Html, Markdown, Csv, Jsonl }

    /// <summary>
    /// One picture of the fleet: every customer's onboarding results as a customer × check matrix, customers with a
    /// Fail first, then Warn, then the rest (by name); each cell names the status and leads to the check's detail and
    /// fix. HTML (self-contained: inline style and script, a Content-Security-Policy that allows nothing external),
    /// Markdown, CSV (one row per check, for spreadsheets and ingestion) and JSON lines (<see cref="FleetResultFile"/>).
    /// Every text is redacted again on the way out.
    /// </summary>
    public static class FleetReport
    {
        /// <summary>Worst first: what the reader acts on comes first.</summary>
        static readonly OnboardingStatus[] Severity =
        {
            OnboardingStatus.Fail, OnboardingStatus.Warn, OnboardingStatus.Throttled, OnboardingStatus.Unverified,
            OnboardingStatus.Manual, OnboardingStatus.Attested, OnboardingStatus.Pass,
        };

        public static string Render(IReadOnlyList<OnboardingRun> runs, FleetReportFormat format, DateTimeOffset generated)
        {
            switch (format)
            {
                case FleetReportFormat.Html: return Html(runs, generated);
                case FleetReportFormat.Markdown: return Markdown(runs, generated);
                case FleetReportFormat.Csv: return Csv(runs);
                default: return FleetResultFile.Jsonl(runs);
            }
        }

        static int Rank(OnboardingStatus s) => Array.IndexOf(Severity, s);

        /// <summary>Customers with a Fail first, then those with a Warn, then by how bad their worst result is, then by name.</summary>
        public static IReadOnlyList<OnboardingRun> Ordered(IEnumerable<OnboardingRun> runs) =>
            runs.OrderByDescending(r => r.Results.Count(x => x.Status == OnboardingStatus.Fail) > 0)
                .ThenByDescending(r => r.Results.Count(x => x.Status == OnboardingStatus.Warn) > 0)
                .ThenBy(r => r.Results.Select(x => Rank(x.Status)).DefaultIfEmpty(Rank(OnboardingStatus.Pass)).Min())
                .ThenBy(r => r.Profile, StringComparer.OrdinalIgnoreCase)
                .ToList();

        /// <summary>The matrix's columns: every (service, check) any customer has, in the order they first ran.</summary>
        public static IReadOnlyList<(string Service, string Check)> Columns(IEnumerable<OnboardingRun> runs)
        {
            var seen = new List<(string, string)>();
            foreach (var run in runs)
                foreach (var r in run.Results)
                    if (!seen.Contains((r.Service, r.Check))) seen.Add((r.Service, r.Check));
            // Services in the order the profile schema lists them; checks in their running order within each.
            return seen.Select((c, i) => (c, i)).OrderBy(x => ServiceRank(x.c.Item1)).ThenBy(x => x.i).Select(x => x.c).ToList();
        }

        /// <summary>The registration list's order (IntegrationServices.All), the one place that names every service.</summary>
        static int ServiceRank(string service)
        {
            var i = Services.IntegrationServices.Names.ToList().FindIndex(n => string.Equals(n, service, StringComparison.OrdinalIgnoreCase));
            return i < 0 ? int.MaxValue : i;
        }

        static string R(string text) => SecretRedactor.Redact(text ?? "");

        public static string Totals(IReadOnlyList<OnboardingRun> runs)
        {
            var all = runs.SelectMany(r => r.Results).ToList();
            var customers = runs.Count(r => r.Results.Any(x => x.Status == OnboardingStatus.Fail));
            var warned = runs.Count(r => r.Results.Any(x => x.Status == OnboardingStatus.Warn));
            return $"{runs.Count} customers, {all.Count} checks: {customers} customer(s) with a Fail, {warned} with a Warn; " +
                string.Join(", ", Severity.Select(s => $"{all.Count(x => x.Status == s)} {s}"));
        }

        public static string Html(IReadOnlyList<OnboardingRun> runs, DateTimeOffset generated)
        {
            string E(string s) => WebUtility.HtmlEncode(R(s));
            var ordered = Ordered(runs);
            var columns = Columns(ordered);
            var b = new StringBuilder();
            b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                // Nothing external can load: the file is the whole report, and works offline and in a mail attachment.
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .Append("<title>Fleet onboarding: ").Append(runs.Count.ToString(CultureInfo.InvariantCulture)).Append(" customers</title>\n<style>\n")
                .Append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#1f2328}h1{font-size:1.4em}table{border-collapse:collapse}")
                .Append("th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}")
                .Append("#matrix th.check{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal;font-size:.85em}")
                .Append("#matrix td.cell{padding:0;text-align:center}#matrix td.cell a{display:block;padding:.3em .5em;text-decoration:none;color:inherit;font-weight:600}")
                .Append(".Pass{background:#dafbe1}.Attested{background:#ddf4ff}.Unverified,.Manual{background:#eaeef2}.Warn{background:#fff8c5}.Throttled{background:#ffe7c2}.Fail{background:#ffd7d5;color:#82071e}")
                .Append(".none{background:#fff;color:#8c959f}.detail{margin-top:2em}.detail tr:target{outline:3px solid #0969da}.hidden{display:none}")
                .Append("#filter{margin:.5em 0;padding:.3em;width:20em}\n</style></head><body>\n");
            b.Append("<h1>Fleet onboarding: ").Append(runs.Count.ToString(CultureInfo.InvariantCulture)).Append(" customers</h1>\n");
            b.Append("<p id=\"totals\">").Append(E(Totals(runs))).Append(". Generated ").Append(E(generated.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))).Append(".</p>\n");
            b.Append("<p>Statuses: ").Append(string.Join("; ", OnboardingReport.Legend.Select(l => $"<span class=\"{l.Status}\">{l.Status}</span> {E(l.Meaning)}"))).Append(". Customers with a Fail come first, then Warn. Each cell opens the check's detail and fix.</p>\n");
            b.Append("<input id=\"filter\" type=\"search\" placeholder=\"Filter customers\" aria-label=\"Filter customers\">\n");
            b.Append("<table id=\"matrix\"><thead><tr><th>Customer</th>");
            foreach (var c in columns) b.Append("<th class=\"check\" title=\"").Append(E(c.Service + ": " + c.Check)).Append("\">").Append(E(c.Service + ": " + c.Check)).Append("</th>");
            b.Append("</tr></thead><tbody>\n");
            for (var i = 0; i < ordered.Count; i++)
            {
                var run = ordered[i];
                b.Append("<tr class=\"customer\" data-customer=\"").Append(E(run.Profile)).Append("\"><th><a href=\"#c").Append(i).Append("\">").Append(E(run.Profile)).Append("</a></th>");
                foreach (var c in columns)
                {
                    var j = IndexOf(run.Results, c);
                    if (j < 0) { b.Append("<td class=\"cell none\">–</td>"); continue; }
                    var r = run.Results[j];
                    b.Append("<td class=\"cell ").Append(r.Status).Append("\"><a href=\"#c").Append(i).Append('-').Append(j).Append("\" title=\"").Append(E(r.Status + ": " + r.Detail)).Append("\">")
                        .Append(E(r.Status.ToString())).Append("</a></td>");
                }
                b.Append("</tr>\n");
            }
            b.Append("</tbody></table>\n");
            for (var i = 0; i < ordered.Count; i++)
            {
                var run = ordered[i];
                b.Append("<section class=\"detail customer-detail\" data-customer=\"").Append(E(run.Profile)).Append("\"><h2 id=\"c").Append(i).Append("\">").Append(E(run.Profile)).Append("</h2>\n<p>Checked ")
                    .Append(E(run.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))).Append(". ").Append(E(OnboardingReport.Summary(run.Results))).Append("</p>\n")
                    .Append("<table><tr><th>Status</th><th>Service</th><th>Check</th><th>Detail</th><th>Evidence</th><th>Fix</th></tr>\n");
                for (var j = 0; j < run.Results.Count; j++)
                {
                    var r = run.Results[j];
                    var status = r.Status == OnboardingStatus.Attested && r.AttestedBy != null
                        ? $"Attested by {r.AttestedBy}{(r.AttestedOn == null ? "" : ", " + r.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}" : r.Status.ToString();
                    b.Append("<tr id=\"c").Append(i).Append('-').Append(j).Append("\"><td class=\"").Append(r.Status).Append("\">").Append(E(status)).Append("</td><td>").Append(E(r.Service)).Append("</td><td>")
                        .Append(E(r.Check)).Append("</td><td>").Append(E(r.Detail)).Append("</td><td>").Append(E(r.Evidence)).Append("</td><td>").Append(E(r.Fix)).Append("</td></tr>\n");
                }
                b.Append("</table></section>\n");
            }
            // The only script: the filter box. Everything else works without it (links and anchors).
            b.Append("<script>\n(function(){var f=document.getElementById('filter');f.addEventListener('input',function(){var q=f.value.toLowerCase();")
                .Append("document.querySelectorAll('[data-customer]').forEach(function(e){e.classList.toggle('hidden',q!==''&&e.getAttribute('data-customer').toLowerCase().indexOf(q)<0);});});")
                .Append("document.body.setAttribute('data-ready','1');})();\n</script>\n</body></html>\n");
            return b.ToString();
        }

        static int IndexOf(IReadOnlyList<OnboardingResult> results, (string Service, string Check) column)
        {
            for (var j = 0; j < results.Count; j++)
                if (results[j].Service == column.Service && results[j].Check == column.Check) return j;
            return -1;
        }

        public static string Markdown(IReadOnlyList<OnboardingRun> runs, DateTimeOffset generated)
        {
            string C(string s) => R(s).Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
            var ordered = Ordered(runs);
            var columns = Columns(ordered);
            var b = new StringBuilder();
            b.Append("# Fleet onboarding: ").Append(runs.Count).Append(" customers\n\n").Append(C(Totals(runs))).Append(". Generated ")
                .Append(generated.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append(".\n\n");
            b.Append("Statuses: ").Append(string.Join("; ", OnboardingReport.Legend.Select(l => $"**{l.Status}** {l.Meaning}"))).Append(".\n\n");
            b.Append("| Customer |");
            foreach (var c in columns) b.Append(' ').Append(C(c.Service + ": " + c.Check)).Append(" |");
            b.Append("\n|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
            foreach (var run in ordered)
            {
                b.Append("| ").Append(C(run.Profile)).Append(" |");
                foreach (var c in columns)
                {
                    var j = IndexOf(run.Results, c);
                    b.Append(' ').Append(j < 0 ? "–" : run.Results[j].Status.ToString()).Append(" |");
                }
                b.Append('\n');
            }
            foreach (var run in ordered)
            {
                var open = run.Results.Where(r => r.Status != OnboardingStatus.Pass).ToList();
                b.Append("\n## ").Append(C(run.Profile)).Append("\n\nChecked ").Append(run.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append(". ")
                    .Append(C(OnboardingReport.Summary(run.Results))).Append('\n');
                if (open.Count == 0) continue;
                b.Append("\n| Status | Service | Check | Detail | Fix |\n|---|---|---|---|---|\n");
                foreach (var r in open.OrderBy(r => Rank(r.Status)))
                    b.Append("| ").Append(r.Status).Append(" | ").Append(C(r.Service)).Append(" | ").Append(C(r.Check)).Append(" | ").Append(C(r.Detail)).Append(" | ").Append(C(r.Fix)).Append(" |\n");
            }
            return b.ToString();
        }

        /// <summary>RFC 4180: one row per check, a header row, every field quoted where needed; a leading = + - @ is prefixed with ' so a spreadsheet does not run it.</summary>
        public static string Csv(IReadOnlyList<OnboardingRun> runs)
        {
            var b = new StringBuilder("Profile,CheckedAt,Service,Check,Status,Retryable,Detail,Evidence,AttestedBy,AttestedOn,Fix,Seconds\r\n");
            foreach (var run in Ordered(runs))
                foreach (var r in run.Results)
                    b.Append(string.Join(",", new[]
                    {
                        run.Profile, run.At.ToString("o", CultureInfo.InvariantCulture), r.Service, r.Check, r.Status.ToString(), r.Retryable ? "true" : "false",
                        R(r.Detail), R(r.Evidence), R(r.AttestedBy), r.AttestedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        R(r.Fix), Math.Round(r.Duration.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture),
                    }.Select(Field))).Append("\r\n");
            return b.ToString();
        }

        static string Field(string value)
        {
            var v = value ?? "";
            if (v.Length > 0 && "=+-@".IndexOf(v[0]) >= 0 && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) v = "'" + v;
            return v.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        }
    }
}
