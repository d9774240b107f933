using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// Each onboarding run's results as one JSON file under the configuration folder's logs/, so a scheduled
    /// task leaves a trail; Clear-IntegrationState removes old ones. Results hold no secret.
    /// </summary>
    public static class OnboardingLog
    {
        public static string Folder => Path.Combine(ConfigPaths.ConfigFolder, "logs");

        public static string Write(string profile, IReadOnlyList<OnboardingResult> results, DateTimeOffset at)
        {
            var path = Path.Combine(Folder, $"onboarding-{profile}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}.json");
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("profile", profile);
                    w.WriteString("at", at);
                    w.WriteStartArray("results");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("service", r.Service);
                        w.WriteString("check", r.Check);
                        w.WriteString("status", r.Status.ToString());
                        w.WriteString("detail", r.Detail);
                        w.WriteString("evidence", r.Evidence);
                        if (r.AttestedBy != null) w.WriteString("attestedBy", r.AttestedBy);
                        if (r.AttestedOn != null) w.WriteString("attestedOn", r.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.WriteBoolean("retryable", r.Retryable);
                        w.WriteString("fix", r.Fix);
                        w.WriteNumber("seconds", Math.Round(r.Duration.TotalSeconds, 3));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                PrivateFile.WriteAllBytes(path, buffer.ToArray());
            }
            return path;
        }
    }
}
