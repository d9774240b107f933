using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>The onboarding results as a document an admin can file with the customer: Markdown or self-contained HTML.</summary>
    public static class OnboardingReport
    {
        public static string Markdown(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at)
        {
            var b = new StringBuilder();
            b.Append("# Onboarding report: ").Append(profile).Append("\n\n");
            b.Append("Checked ").Append(at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append(" by Invoke-IntegrationOnboarding. ")
                .Append(Summary(results)).Append("\n");
            foreach (var service in results.GroupBy(r => r.Service))
            {
                b.Append("\n## ").Append(service.Key).Append("\n\n| Status | Check | Detail | Fix |\n|---|---|---|---|\n");
                foreach (var r in service)
                    b.Append("| ").Append(Badge(r.Status)).Append(" | ").Append(Cell(r.Check)).Append(" | ").Append(Cell(r.Detail)).Append(" | ").Append(Cell(r.Fix)).Append(" |\n");
            }
            b.Append("\nSign-off: ____________________  Date: __________\n");
            return b.ToString();
        }

        public static string Html(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at)
        {
            string E(string s) => WebUtility.HtmlEncode(s ?? "");
            var b = new StringBuilder();
            b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Onboarding report: ").Append(E(profile)).Append("</title>\n")
                .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}")
                .Append(".Pass{color:#1a7f37}.Warn{color:#9a6700}.Fail{color:#cf222e;font-weight:bold}</style></head><body>\n");
            b.Append("<h1>Onboarding report: ").Append(E(profile)).Append("</h1>\n<p>Checked ").Append(E(at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)))
                .Append(" by Invoke-IntegrationOnboarding. ").Append(E(Summary(results))).Append("</p>\n");
            foreach (var service in results.GroupBy(r => r.Service))
            {
                b.Append("<h2>").Append(E(service.Key)).Append("</h2>\n<table><tr><th>Status</th><th>Check</th><th>Detail</th><th>Fix</th></tr>\n");
                foreach (var r in service)
                    b.Append("<tr><td class=\"").Append(r.Status).Append("\">").Append(r.Status).Append("</td><td>").Append(E(r.Check)).Append("</td><td>")
                        .Append(E(r.Detail)).Append("</td><td>").Append(E(r.Fix)).Append("</td></tr>\n");
                b.Append("</table>\n");
            }
            b.Append("<p>Sign-off: ____________________ Date: __________</p>\n</body></html>\n");
            return b.ToString();
        }

        public static string Summary(IReadOnlyList<OnboardingResult> results) =>
            $"{results.Count} checks: {results.Count(r => r.Status == OnboardingStatus.Pass)} passed, " +
            $"{results.Count(r => r.Status == OnboardingStatus.Warn)} warnings, {results.Count(r => r.Status == OnboardingStatus.Fail)} failed.";

        static string Badge(OnboardingStatus s) => s == OnboardingStatus.Pass ? "✅ Pass" : s == OnboardingStatus.Warn ? "⚠️ Warn" : "❌ Fail";
        static string Cell(string s) => (s ?? "").Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
    }
}
