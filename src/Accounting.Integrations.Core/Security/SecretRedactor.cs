using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Core.Security
{
    /// <summary>
    /// The single redaction layer: every trace line, error message and exception text leaves the core
    /// through <see cref="Redact"/>. It masks every secret value the process has seen, in each form a request,
    /// a server's echo or a serialiser can give it (see <see cref="FormsOf"/>), and, by name, credentials in
    /// headers, query strings and bodies. It masks values, not words: a value that reads like prose (letters
    /// only, or very short) is masked only where it stands as a credential (by name), so "the API key is wrong"
    /// stays readable even when someone's key is "wrong".
    /// </summary>
    public static class SecretRedactor
    {
        public const string Mask = "***";
        const int MinimumSecretLength = 4; // shorter values would mask ordinary words
        const int MinimumFragmentLength = 6; // a base64 fragment shorter than this could be anything

        static readonly object Gate = new object();
        static readonly HashSet<string> Known = new HashSet<string>(StringComparer.Ordinal);
        // Forms by their first four characters, longest first: Redact looks each position of the text up once,
        // so its cost does not grow with the number of secrets (the fuzz suites register thousands). Made with the first
        // forms (ExpandRegistered), so that a session that never redacts does not compile the dictionary's code.
        static volatile System.Collections.Concurrent.ConcurrentDictionary<ulong, string[]> _byPrefix;

        /// <summary>
        /// The by-name patterns, built on the first text that could hold a credential name: a connection's Register
        /// (Connect-*) never needs them, and most of its URLs hold none of the names.
        /// Interpreted, not RegexOptions.Compiled: compiling all five emitted and JIT-compiled code on a connection's
        /// first call, and they only ever run over a URL, a few headers and a trace's first 2 KB.
        /// </summary>
        static class Patterns
        {
            // Explicit, so the type is not beforefieldinit: the patterns are built at the first use, not when a method naming them is compiled.
            static Patterns() => PatternsBuilt = true;

            internal static readonly Regex AuthorizationHeader = new Regex(
                @"(?im)\b((?:proxy-)?authorization|authentication)(\s*[:=]\s*""?)(?:([A-Za-z][\w-]*)[ \t]+)?[^\r\n""]+");
            internal static readonly Regex SensitiveHeader = new Regex(
                @"(?im)^([ \t]*[\w-]*(?:api-?key|token|secret|password|signature|cookie)[\w-]*[ \t]*:[ \t]*)(.+)$");
            internal static readonly Regex SensitiveQuery = new Regex(
                @"(?i)([?&;][^=&#\s]*(?:key|token|password|passwd|secret|signature|auth|hmac)[^=&#\s]*=)[^&#\s""]*");
            internal static readonly Regex SensitiveJson = new Regex(
                @"(?i)(""[^""]*(?:password|token|secret|apikey|api_key|authentication|authorization|signature|hmac)[^""]*""\s*:\s*)(""(?:[^""\\]|\\.)*"")");
            internal static readonly Regex SensitiveForm = new Regex(
                @"(?i)(\b[\w.]*(?:password|secret)[\w.]*=)[^&\s]+");
        }

        /// <summary>Whether the by-name patterns exist yet (a start-up test reads it in a fresh process).</summary>
        internal static bool PatternsBuilt { get; private set; }

        /// <summary>
        /// Every pattern above needs one of these words (api-key, passwd and the rest contain one): an ASCII text
        /// without any of them cannot match, so it skips the patterns. Text with any other character still runs them
        /// (case-insensitive matching folds some non-ASCII letters, the Kelvin sign among them, to ASCII ones).
        /// </summary>
        static readonly string[] CredentialWords = { "key", "token", "passw", "secret", "signature", "cookie", "auth", "hmac" };

        internal static bool MayNameCredential(string text)
        {
            foreach (var c in text)
                if (c > 0x7F) return true;
            foreach (var word in CredentialWords)
                if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        // Secrets registered and not yet expanded into their forms (under Gate): a connection registers its secrets at
        // Connect-*, but most sessions never redact a text before their first error or -Verbose line, so the forms
        // (URL, JSON and base64 encodings, each through its own encoder's first use) are made on the first Redact.
        static readonly List<string> Unexpanded = new List<string>();
        static volatile bool _anyUnexpanded;

        /// <summary>Remembers a secret value so that it is masked, in every derived form, wherever it appears later.</summary>
        public static void Register(string secret)
        {
            if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength) return;
            lock (Gate)
            {
                if (!Known.Add(secret)) return;
                Unexpanded.Add(secret);
                _anyUnexpanded = true;
            }
        }

        /// <summary>Whether a registered secret still waits for its forms (a start-up test reads it).</summary>
        internal static bool AnyUnexpanded => _anyUnexpanded;

        static void ExpandRegistered()
        {
            if (!_anyUnexpanded) return;
            lock (Gate)
            {
                var byPrefix = _byPrefix ?? new System.Collections.Concurrent.ConcurrentDictionary<ulong, string[]>();
                foreach (var secret in Unexpanded)
                    foreach (var form in FormsOf(secret))
                    {
                        // Longest first so that a secret containing another is masked whole.
                        byPrefix.AddOrUpdate(PrefixKey(form, 0), new[] { form },
                            (_, existing) => existing.Contains(form) ? existing : existing.Concat(new[] { form }).OrderByDescending(f => f.Length).ToArray());
                    }
                Unexpanded.Clear();
                _byPrefix = byPrefix;
                _anyUnexpanded = false;
            }
        }

        /// <summary>
        /// The value of a Basic Authorization header, base64("user:password"), registered as a secret of its own:
        /// the password's base64 inside it depends on the user name's length, so it is masked whole wherever it shows.
        /// </summary>
        public static string BasicCredential(string username, string password)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes((username ?? "") + ":" + (password ?? "")));
            Register(encoded);
            return encoded;
        }

        /// <summary>
        /// Every form in which <paramref name="secret"/> can show up in text: plain (unless it reads like prose),
        /// URL-encoded (upper- and lower-case escapes, + for spaces), JSON-escaped (minimal and System.Text.Json's
        /// default escaping), base64 of its UTF-8 and UTF-16 at each of the three alignments it can have inside a
        /// longer encoded value (user:password), and hex of its UTF-16 (how Export-Clixml writes a SecureString on
        /// Linux and macOS).
        /// </summary>
        public static IEnumerable<string> FormsOf(string secret)
        {
            var forms = new List<string>();
            if (!ReadsLikeProse(secret)) forms.Add(secret);
            var escaped = Uri.EscapeDataString(secret);
            var formEncoded = WebUtility.UrlEncode(secret);
            foreach (var encoded in new[] { escaped, formEncoded })
            {
                forms.Add(encoded);
                forms.Add(LowerCaseEscapes(encoded));
            }
            forms.Add(JsonMinimal(secret));
            forms.Add(JsonDefault(secret));
            var utf8 = Encoding.UTF8.GetBytes(secret);
            var utf16 = Encoding.Unicode.GetBytes(secret);
            forms.AddRange(Base64Fragments(utf8));
            forms.AddRange(Base64Fragments(utf16));
            var hex = BitConverter.ToString(utf16).Replace("-", "");
            forms.Add(hex);
            forms.Add(hex.ToLowerInvariant());
            return forms.Where(f => f.Length >= MinimumSecretLength && (f != secret || !ReadsLikeProse(f))).Distinct(StringComparer.Ordinal);
        }

        /// <summary>
        /// %2F as %2f: the escapes' hex digits in lower case, the rest as it is. By hand: a Regex.Replace here built the
        /// regex cache and a parsed pattern on a connection's first call.
        /// </summary>
        internal static string LowerCaseEscapes(string encoded)
        {
            char[] chars = null;
            for (var i = encoded.IndexOf('%'); i >= 0 && i + 2 < encoded.Length; i = encoded.IndexOf('%', i + 1))
            {
                if (!IsUpperHex(encoded[i + 1]) || !IsUpperHex(encoded[i + 2])) continue;
                chars = chars ?? encoded.ToCharArray();
                chars[i + 1] = char.ToLowerInvariant(encoded[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(encoded[i + 2]);
            }
            return chars == null ? encoded : new string(chars);
        }

        static bool IsUpperHex(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');

        /// <summary>
        /// The part of base64 that is fixed by <paramref name="bytes"/> alone when they start at byte offset 0, 1 or 2
        /// of a longer value: the whole encoding at offset 0, and at the others what lies between the characters that
        /// also depend on the neighbouring bytes.
        /// </summary>
        static IEnumerable<string> Base64Fragments(byte[] bytes)
        {
            yield return Convert.ToBase64String(bytes);
            for (var offset = 0; offset < 3; offset++)
            {
                var padded = new byte[offset + bytes.Length];
                Array.Copy(bytes, 0, padded, offset, bytes.Length);
                var encoded = Convert.ToBase64String(padded).TrimEnd('=');
                // A character covers 6 bits: skip those that include one of the offset's leading bytes…
                var first = offset == 0 ? 0 : (offset * 8 + 5) / 6;
                // …and the last one unless the secret ends on a 3-byte boundary (it then mixes with what follows).
                var totalBits = padded.Length * 8;
                var last = totalBits % 6 == 0 ? encoded.Length : encoded.Length - 1;
                if (last - first >= MinimumFragmentLength) yield return encoded.Substring(first, last - first);
            }
        }

        /// <summary>
        /// System.Text.Json's default escaping (what JsonSerializer.Serialize writes for a string), by the writer it
        /// uses: the serializer itself would build its reflection metadata on a connection's first Register.
        /// </summary>
        static string JsonDefault(string s)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) writer.WriteStringValue(s);
                var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                return json.Substring(1, json.Length - 2);
            }
        }

        static string JsonMinimal(string s)
        {
            var sb = new StringBuilder(s.Length + 8);
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// True for a value that could be an ordinary word or phrase ("wrong", "SecureToken "): fewer than 8
        /// characters with no digit, or a short phrase (letters with a space or hyphen, under 16 characters).
        /// Masking it everywhere would rewrite the module's own messages; it is masked where it stands as a
        /// credential (header, query, JSON field) and in its encoded forms. Anything longer is masked everywhere.
        /// </summary>
        public static bool ReadsLikeProse(string value)
        {
            if (string.IsNullOrEmpty(value)) return true;
            if (value.Length < 8 && !value.Any(char.IsDigit)) return true;
            return value.Length < 16 && value.Any(c => c == ' ' || c == '-') && value.All(c => char.IsLetter(c) || c == ' ' || c == '-');
        }

        static ulong PrefixKey(string s, int at) =>
            s[at] | (ulong)s[at + 1] << 16 | (ulong)s[at + 2] << 32 | (ulong)s[at + 3] << 48;

        static string MaskKnownForms(string text)
        {
            ExpandRegistered();
            var byPrefix = _byPrefix;
            if (byPrefix == null || byPrefix.IsEmpty || text.Length < MinimumSecretLength) return text;
            StringBuilder sb = null;
            int copied = 0, i = 0;
            while (i <= text.Length - MinimumSecretLength)
            {
                string match = null;
                if (byPrefix.TryGetValue(PrefixKey(text, i), out var candidates))
                    foreach (var form in candidates)
                        if (i + form.Length <= text.Length && string.CompareOrdinal(text, i, form, 0, form.Length) == 0) { match = form; break; }
                if (match == null) { i++; continue; }
                (sb ?? (sb = new StringBuilder(text.Length))).Append(text, copied, i - copied).Append(Mask);
                i += match.Length;
                copied = i;
            }
            if (sb == null) return text;
            return sb.Append(text, copied, text.Length - copied).ToString();
        }

        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var result = MaskKnownForms(text);
            return MayNameCredential(result) ? MaskByName(result) : result;
        }

        /// <summary>Credentials masked where they stand by name: in headers, query strings, JSON fields and form bodies.</summary>
        internal static string MaskByName(string text)
        {
            var result = Patterns.AuthorizationHeader.Replace(text, m => m.Groups[1].Value + m.Groups[2].Value +
                (m.Groups[3].Success ? m.Groups[3].Value + " " : "") + Mask);
            result = Patterns.SensitiveHeader.Replace(result, m => m.Groups[1].Value + Mask);
            result = Patterns.SensitiveQuery.Replace(result, m => m.Groups[1].Value + Mask);
            result = Patterns.SensitiveJson.Replace(result, m => m.Groups[1].Value + "\"" + Mask + "\"");
            result = Patterns.SensitiveForm.Replace(result, m => m.Groups[1].Value + Mask);
            return result;
        }
    }
}
