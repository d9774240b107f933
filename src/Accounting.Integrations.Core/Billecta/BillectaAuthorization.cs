using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>The verdict on an Authorization header value; it never holds the value itself.</summary>
    public sealed class BillectaAuthorizationCheck
    {
        public bool Valid { get; set; }
        /// <summary>Basic, SecureToken, or null when the prefix is not one of them.</summary>
        public string Scheme { get; set; }
        public Output.TextList Problems { get; set; } = new string[0];
        public string Fix { get; set; }
    }

    /// <summary>
    /// Builds and checks the value the seed asks an admin to assemble by hand (billecta.md §2.1):
    /// "Basic " + base64(user:password), or "SecureToken " + base64(token), prefix and one space included.
    /// </summary>
    public static class BillectaAuthorization
    {
        public static string Basic(string username, string password)
        {
            if (string.IsNullOrEmpty(username)) throw new ArgumentException("A Billecta username is required.", nameof(username));
            if (username.IndexOf(':') >= 0) throw new ArgumentException("A Billecta username cannot contain ':' (it separates user and password in Basic authentication).", nameof(username));
            if (string.IsNullOrEmpty(password)) throw new ArgumentException("The Billecta password is empty.", nameof(password));
            // UTF-8 and no trailing newline: `base64 <<<` adds one and Billecta then refuses the header.
            return "Basic " + Security.SecretRedactor.BasicCredential(username, password);
        }

        /// <summary>The header carries base64 of the token string, which itself looks like base64 (billecta.md §2.1).</summary>
        public static string SecureToken(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The SecureToken is empty.", nameof(token));
            return "SecureToken " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token.Trim()));
        }

        public static BillectaAuthorizationCheck Check(string value)
        {
            var problems = new List<string>();
            string scheme = null;
            if (string.IsNullOrEmpty(value))
                return Verdict(null, new[] { "The value is empty." });
            if (value != value.TrimEnd())
                problems.Add(value.EndsWith("\n", StringComparison.Ordinal) ? "It ends with a line break (as `base64 <<<` adds); remove it." : "It ends with spaces; remove them.");
            if (value != value.TrimStart())
                problems.Add("It starts with spaces; the value must begin with the prefix.");
            var trimmed = value.Trim();
            var space = trimmed.IndexOf(' ');
            var prefix = space < 0 ? trimmed : trimmed.Substring(0, space);
            if (prefix == "Basic" || prefix == "SecureToken") scheme = prefix;
            else if (prefix.Equals("Basic", StringComparison.OrdinalIgnoreCase) || prefix.Equals("SecureToken", StringComparison.OrdinalIgnoreCase))
            {
                scheme = prefix.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? "Basic" : "SecureToken";
                problems.Add($"The prefix must be written '{scheme}' exactly.");
            }
            else if (trimmed.StartsWith("Basic", StringComparison.Ordinal) || trimmed.StartsWith("SecureToken", StringComparison.Ordinal))
            {
                scheme = trimmed.StartsWith("Basic", StringComparison.Ordinal) ? "Basic" : "SecureToken";
                problems.Add($"There must be one space between '{scheme}' and the encoded value.");
                return Verdict(scheme, problems);
            }
            else
            {
                problems.Add(prefix.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                    ? "Billecta does not take 'Bearer'; the prefix must be 'Basic' or 'SecureToken'."
                    : "The value must start with the prefix 'Basic' or 'SecureToken', then one space.");
                return Verdict(null, problems);
            }
            if (space < 0) { problems.Add($"Nothing follows '{scheme}': add one space and the encoded value."); return Verdict(scheme, problems); }
            var encoded = trimmed.Substring(space + 1);
            if (encoded.StartsWith(" ", StringComparison.Ordinal)) { problems.Add($"There is more than one space after '{scheme}'; keep exactly one."); encoded = encoded.TrimStart(); }
            byte[] decoded = null;
            if (encoded.Length % 4 != 0 || encoded.Any(c => !(char.IsLetterOrDigit(c) && c < 128) && c != '+' && c != '/' && c != '='))
                problems.Add("The part after the prefix is not valid base64 (only A-Z, a-z, 0-9, +, / and = padding, in groups of four).");
            else
            {
                try { decoded = Convert.FromBase64String(encoded); }
                catch (FormatException) { problems.Add("The part after the prefix is not valid base64."); }
            }
            if (decoded != null)
            {
                var text = DecodeUtf8(decoded);
                if (scheme == "Basic")
                {
                    var colon = text?.IndexOf(':') ?? -1;
                    if (text == null) problems.Add("The base64 part does not decode to text; Basic needs base64 of 'username:password'.");
                    else if (colon <= 0) problems.Add("The base64 part does not decode to 'username:password' (no ':' after a username).");
                    else if (colon == text.Length - 1) problems.Add("The base64 part decodes to a username with an empty password.");
                    else if (text.EndsWith("\n", StringComparison.Ordinal)) problems.Add("The encoded 'username:password' ends with a line break (as `base64 <<<` adds); encode it without one.");
                }
                else if (text == null || text.Length == 0 || text.Any(char.IsControl))
                    problems.Add("The base64 part does not decode to a token: it is probably the raw SecureToken, which must be base64-encoded once more (New-BillectaAuthorization -SecureToken does it).");
            }
            return Verdict(scheme, problems);
        }

        static string DecodeUtf8(byte[] bytes)
        {
            try { return new UTF8Encoding(false, true).GetString(bytes); }
            catch (ArgumentException) { return null; }
        }

        static BillectaAuthorizationCheck Verdict(string scheme, IEnumerable<string> problems)
        {
            var list = problems.ToArray();
            return new BillectaAuthorizationCheck
            {
                Valid = list.Length == 0,
                Scheme = scheme,
                Problems = list,
                Fix = list.Length == 0 ? null : "Build the value with New-BillectaAuthorization (-Credential for Basic, -SecureToken for a token) instead of by hand.",
            };
        }
    }
}
