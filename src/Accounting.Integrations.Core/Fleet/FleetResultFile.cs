using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Fleet
{
    /// <summary>
    /// The fleet's result format: JSON lines, one check result per line, each naming its profile and when the profile
    /// was checked, so a worker's file can be appended to, concatenated with others, streamed into a log system, and
    /// merged. Format version 1 (the "v" field); readers skip blank lines and refuse lines of another version.
    /// Fields: v, profile, at (ISO 8601), service, check, status, detail, evidence, attestedBy, attestedOn (yyyy-MM-dd),
    /// retryable, fix, seconds. Every text is redacted on the way out; results hold no secret.
    /// </summary>
    public static class FleetResultFile
    {
        public const int Version = 1;
        /// <summary>A worker's file for hundreds of customers is a few MB; anything far larger is not one.</summary>
        public const long MaxFileBytes = 256L * 1024 * 1024;

        public static string Line(string profile, DateTimeOffset at, OnboardingResult r)
        {
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    w.WriteNumber("v", Version);
                    w.WriteString("profile", profile);
                    w.WriteString("at", at.ToString("o", CultureInfo.InvariantCulture));
                    w.WriteString("service", r.Service);
                    w.WriteString("check", r.Check);
                    w.WriteString("status", r.Status.ToString());
                    w.WriteString("detail", SecretRedactor.Redact(r.Detail));
                    w.WriteString("evidence", SecretRedactor.Redact(r.Evidence));
                    if (r.AttestedBy != null) w.WriteString("attestedBy", SecretRedactor.Redact(r.AttestedBy));
                    if (r.AttestedOn != null) w.WriteString("attestedOn", r.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    w.WriteBoolean("retryable", r.Retryable);
                    w.WriteString("fix", SecretRedactor.Redact(r.Fix));
                    w.WriteNumber("seconds", Math.Round(r.Duration.TotalSeconds, 3));
                    w.WriteEndObject();
                }
                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        /// <summary>Every run as JSON lines, in order.</summary>
        public static string Jsonl(IEnumerable<OnboardingRun> runs)
        {
            var b = new StringBuilder();
            foreach (var run in runs)
                foreach (var r in run.Results) b.Append(Line(run.Profile, run.At, r)).Append('\n');
            return b.ToString();
        }

        /// <summary>
        /// The runs in JSON-lines text: lines of one profile and one "at" form one run, in the order they first appear.
        /// A line that is not a version-1 result throws <see cref="FormatException"/> naming the line number.
        /// </summary>
        public static IReadOnlyList<OnboardingRun> Parse(string text, string source = null)
        {
            var runs = new List<(string Profile, DateTimeOffset At, List<OnboardingResult> Results)>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var number = 0;
            foreach (var raw in (text ?? "").Split('\n'))
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0) continue;
                string profile;
                DateTimeOffset at;
                OnboardingResult result;
                try
                {
                    using (var doc = JsonDocument.Parse(line))
                    {
                        var o = doc.RootElement;
                        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != Version)
                            throw new FormatException("not a version-1 onboarding result (no \"v\": 1)");
                        profile = Text(o, "profile") ?? throw new FormatException("no profile");
                        at = DateTimeOffset.Parse(Text(o, "at") ?? throw new FormatException("no at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                        if (!Enum.TryParse<OnboardingStatus>(Text(o, "status") ?? "", false, out var status) || !Enum.IsDefined(typeof(OnboardingStatus), status))
                            throw new FormatException($"status '{Text(o, "status")}' is none of {string.Join(", ", Enum.GetNames(typeof(OnboardingStatus)))}");
                        var on = Text(o, "attestedOn");
                        result = new OnboardingResult
                        {
                            Profile = profile,
                            Service = Text(o, "service"),
                            Check = Text(o, "check"),
                            Status = status,
                            Detail = Text(o, "detail"),
                            Evidence = Text(o, "evidence"),
                            AttestedBy = Text(o, "attestedBy"),
                            AttestedOn = on == null ? (DateTime?)null : DateTime.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                            Fix = Text(o, "fix"),
                            Duration = o.TryGetProperty("seconds", out var s) && s.ValueKind == JsonValueKind.Number ? TimeSpan.FromSeconds(s.GetDouble()) : TimeSpan.Zero,
                        };
                    }
                }
                catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is OverflowException)
                {
                    throw new FormatException($"{source ?? "The result text"}, line {number}: {ex.Message}. Give files written by Invoke-IntegrationOnboarding -ResultPath or Merge-IntegrationOnboardingResult -Format Jsonl.", ex);
                }
                var key = profile + "\n" + at.UtcTicks.ToString(CultureInfo.InvariantCulture);
                if (!index.TryGetValue(key, out var i)) { index[key] = i = runs.Count; runs.Add((profile, at, new List<OnboardingResult>())); }
                runs[i].Results.Add(result);
            }
            return runs.Select(r => new OnboardingRun(r.Profile, r.Results, r.At)).ToList();
        }

        static string Text(JsonElement o, string name) =>
            o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }

    /// <summary>Workers' runs combined: each customer once, its newest run; the older runs of a customer seen twice are named.</summary>
    public sealed class FleetMerge
    {
        FleetMerge(IReadOnlyList<OnboardingRun> runs, IReadOnlyList<OnboardingRun> superseded)
        {
            Runs = runs;
            Superseded = superseded;
        }

        /// <summary>One run per profile (case-insensitive), the newest, ordered by profile name.</summary>
        public IReadOnlyList<OnboardingRun> Runs { get; }
        /// <summary>Older runs of a profile that appeared more than once (overlapping shards, a rerun): left out.</summary>
        public IReadOnlyList<OnboardingRun> Superseded { get; }

        public static FleetMerge Of(IEnumerable<OnboardingRun> runs)
        {
            var kept = new List<OnboardingRun>();
            var superseded = new List<OnboardingRun>();
            foreach (var group in runs.GroupBy(r => r.Profile, StringComparer.OrdinalIgnoreCase))
            {
                var ordered = group.OrderByDescending(r => r.At).ToList();
                kept.Add(ordered[0]);
                superseded.AddRange(ordered.Skip(1));
            }
            return new FleetMerge(kept.OrderBy(r => r.Profile, StringComparer.OrdinalIgnoreCase).ToList(), superseded);
        }
    }
}
