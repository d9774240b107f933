using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Core.Security
{
    /// <summary>
    /// The single redaction layer: every trace line, error message and exception text leaves the core
    /// through <see cref="Redact"/>. It masks every secret value the process has seen (in plain,
    /// base64 and URL-encoded forms) and, by name, credentials in headers, query strings and bodies.
    /// </summary>
    public static class SecretRedactor
    {
        public const string Mask = "***";
        const int MinimumSecretLength = 4; // shorter values would mask ordinary words

        static readonly object Gate = new object();
        static string[] _secrets = new string[0];

        static readonly Regex AuthorizationHeader = new Regex(
            @"(?im)\b((?:proxy-)?authorization|authentication)(\s*[:=]\s*""?)(?:([A-Za-z][\w-]*)[ \t]+)?[^\r\n""]+",
            RegexOptions.Compiled);
        static readonly Regex SensitiveHeader = new Regex(
            @"(?im)^([ \t]*[\w-]*(?:api-?key|token|secret|password|signature|cookie)[\w-]*[ \t]*:[ \t]*)(.+)$",
            RegexOptions.Compiled);
        static readonly Regex SensitiveQuery = new Regex(
            @"(?i)([?&;][^=&#\s]*(?:key|token|password|passwd|secret|signature|auth|hmac)[^=&#\s]*=)[^&#\s""]*",
            RegexOptions.Compiled);
        static readonly Regex SensitiveJson = new Regex(
            @"(?i)(""[^""]*(?:password|token|secret|apikey|api_key|authentication|authorization|signature|hmac)[^""]*""\s*:\s*)(""(?:[^""\\]|\\.)*"")",
            RegexOptions.Compiled);
        static readonly Regex SensitiveForm = new Regex(
            @"(?i)(\b[\w.]*(?:password|secret)[\w.]*=)[^&\s]+", RegexOptions.Compiled);

        /// <summary>Remembers a secret value so that it is masked wherever it appears later.</summary>
        public static void Register(string secret)
        {
            if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength) return;
            var forms = new List<string> { secret, Uri.EscapeDataString(secret) };
            forms.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
            lock (Gate)
            {
                // Longest first so that a secret containing another is masked whole.
                _secrets = _secrets.Concat(forms.Where(f => f.Length >= MinimumSecretLength))
                    .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
            }
        }

        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var secrets = _secrets;
            var result = text;
            foreach (var s in secrets)
                if (result.IndexOf(s, StringComparison.Ordinal) >= 0) result = result.Replace(s, Mask);
            result = AuthorizationHeader.Replace(result, m => m.Groups[1].Value + m.Groups[2].Value +
                (m.Groups[3].Success ? m.Groups[3].Value + " " : "") + Mask);
            result = SensitiveHeader.Replace(result, m => m.Groups[1].Value + Mask);
            result = SensitiveQuery.Replace(result, m => m.Groups[1].Value + Mask);
            result = SensitiveJson.Replace(result, m => m.Groups[1].Value + "\"" + Mask + "\"");
            result = SensitiveForm.Replace(result, m => m.Groups[1].Value + Mask);
            return result;
        }
    }
}
