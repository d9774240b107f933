using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// The onboarding results as a document an admin can file with the customer and sign: Markdown or
    /// self-contained HTML, for one profile or many (one section each, in the order they ran). Each row shows
    /// what was proven (the status), the evidence it rests on, and for an attestation who gave it and when.
    /// </summary>
    public static class OnboardingReport
    {
        /// <summary>What each status means, printed under the summary so a reader need not look it up.</summary>
        public static readonly IReadOnlyList<(OnboardingStatus Status, string Meaning)> Legend = new[]
        {
            (OnboardingStatus.Pass, "observed by the module itself"),
            (OnboardingStatus.Attested, "a person's statement, named with who and when; not observed"),
            (OnboardingStatus.Unverified, "nothing observable shows it; the Fix is the manual step"),
            (OnboardingStatus.Manual, "a step with no API; the Fix is the step"),
            (OnboardingStatus.Warn, "observed, and worth acting on"),
            (OnboardingStatus.Throttled, "the service refused for rate until the retries ran out; run again, not a finding"),
            (OnboardingStatus.Fail, "observed to be wrong"),
        };

        public static string Markdown(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at) =>
            Markdown(new[] { new OnboardingRun(profile, results, at) });

        public static string Html(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at) =>
            Html(new[] { new OnboardingRun(profile, results, at) });

        public static string Markdown(IReadOnlyList<OnboardingRun> runs)
        {
            var b = new StringBuilder();
            var single = runs.Count == 1;
            b.Append("# Onboarding report: ").Append(single ? runs[0].Profile : $"{runs.Count} profiles").Append("\n\n");
            if (!single)
            {
                b.Append("| Profile | Checked | Summary |\n|---|---|---|\n");
                foreach (var run in runs) b.Append("| ").Append(Cell(run.Profile)).Append(" | ").Append(When(run.At)).Append(" | ").Append(Cell(Summary(run.Results))).Append(" |\n");
                b.Append('\n');
            }
            b.Append("Statuses: ").Append(string.Join("; ", Legend.Select(l => $"**{l.Status}** {l.Meaning}"))).Append(".\n");
            foreach (var run in runs)
            {
                var level = single ? "##" : "###";
                if (!single) b.Append("\n## ").Append(run.Profile).Append("\n");
                b.Append('\n').Append("Checked ").Append(When(run.At)).Append(" by Invoke-IntegrationOnboarding. ").Append(Summary(run.Results)).Append("\n");
                foreach (var service in run.Results.GroupBy(r => r.Service))
                {
                    b.Append('\n').Append(level).Append(' ').Append(service.Key).Append("\n\n| Status | Check | Detail | Fix |\n|---|---|---|---|\n");
                    foreach (var r in service)
                        b.Append("| ").Append(Badge(r)).Append(" | ").Append(Cell(r.Check)).Append(" | ").Append(Cell(r.Detail)).Append(" | ").Append(Cell(r.Fix)).Append(" |\n");
                }
                b.Append("\nSign-off").Append(single ? "" : " (" + Cell(run.Profile) + ")").Append(": ____________________  Date: __________\n");
            }
            return b.ToString();
        }

        public static string Html(IReadOnlyList<OnboardingRun> runs)
        {
            string E(string s) => WebUtility.HtmlEncode(s ?? "");
            var single = runs.Count == 1;
            var title = "Onboarding report: " + (single ? runs[0].Profile : $"{runs.Count} profiles");
            var b = new StringBuilder();
            b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
                .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}")
                .Append(".Pass{color:#1a7f37}.Attested{color:#0550ae}.Unverified,.Manual{color:#6e7781}.Warn,.Throttled{color:#9a6700}.Fail{color:#cf222e;font-weight:bold}</style></head><body>\n");
            b.Append("<h1>").Append(E(title)).Append("</h1>\n");
            if (!single)
            {
                b.Append("<table><tr><th>Profile</th><th>Checked</th><th>Summary</th></tr>\n");
                foreach (var run in runs) b.Append("<tr><td>").Append(E(run.Profile)).Append("</td><td>").Append(E(When(run.At))).Append("</td><td>").Append(E(Summary(run.Results))).Append("</td></tr>\n");
                b.Append("</table>\n");
            }
            b.Append("<p>Statuses: ").Append(string.Join("; ", Legend.Select(l => $"<span class=\"{l.Status}\">{l.Status}</span> {E(l.Meaning)}"))).Append(".</p>\n");
            foreach (var run in runs)
            {
                var h = single ? "h2" : "h3";
                if (!single) b.Append("<h2>").Append(E(run.Profile)).Append("</h2>\n");
                b.Append("<p>Checked ").Append(E(When(run.At))).Append(" by Invoke-IntegrationOnboarding. ").Append(E(Summary(run.Results))).Append("</p>\n");
                foreach (var service in run.Results.GroupBy(r => r.Service))
                {
                    b.Append('<').Append(h).Append('>').Append(E(service.Key)).Append("</").Append(h).Append(">\n<table><tr><th>Status</th><th>Check</th><th>Detail</th><th>Fix</th></tr>\n");
                    foreach (var r in service)
                        b.Append("<tr><td class=\"").Append(r.Status).Append("\">").Append(E(Label(r))).Append("</td><td>").Append(E(r.Check)).Append("</td><td>")
                            .Append(E(r.Detail)).Append("</td><td>").Append(E(r.Fix)).Append("</td></tr>\n");
                    b.Append("</table>\n");
                }
                b.Append("<p>Sign-off").Append(single ? "" : " (" + E(run.Profile) + ")").Append(": ____________________ Date: __________</p>\n");
            }
            b.Append("</body></html>\n");
            return b.ToString();
        }

        /// <summary>"20 checks: 12 passed, 1 attested, 3 unverified, 0 manual, 2 warnings, 0 throttled, 2 failed."</summary>
        public static string Summary(IReadOnlyList<OnboardingResult> results)
        {
            int N(OnboardingStatus s) => results.Count(r => r.Status == s);
            return $"{results.Count} checks: {N(OnboardingStatus.Pass)} passed, {N(OnboardingStatus.Attested)} attested, {N(OnboardingStatus.Unverified)} unverified, " +
                $"{N(OnboardingStatus.Manual)} manual, {N(OnboardingStatus.Warn)} warnings, {N(OnboardingStatus.Throttled)} throttled, {N(OnboardingStatus.Fail)} failed.";
        }

        static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

        /// <summary>The status, and for an attestation who and when.</summary>
        static string Label(OnboardingResult r) =>
            r.Status == OnboardingStatus.Attested && r.AttestedBy != null
                ? $"Attested by {r.AttestedBy}{(r.AttestedOn == null ? "" : ", " + r.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}"
                : r.Status.ToString();

        static string Badge(OnboardingResult r)
        {
            switch (r.Status)
            {
                case OnboardingStatus.Pass: return "✅ Pass";
                case OnboardingStatus.Attested: return "🖊️ " + Cell(Label(r));
                case OnboardingStatus.Unverified: return "❔ Unverified";
                case OnboardingStatus.Manual: return "✋ Manual";
                case OnboardingStatus.Warn: return "⚠️ Warn";
                case OnboardingStatus.Throttled: return "⏳ Throttled";
                default: return "❌ Fail";
            }
        }

        static string Cell(string s) => (s ?? "").Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
    }

    /// <summary>One profile's onboarding run, as a report section.</summary>
    public sealed class OnboardingRun
    {
        public OnboardingRun(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at)
        {
            Profile = profile;
            Results = results;
            At = at;
        }

        public string Profile { get; }
        public IReadOnlyList<OnboardingResult> Results { get; }
        public DateTimeOffset At { get; }
    }
}
