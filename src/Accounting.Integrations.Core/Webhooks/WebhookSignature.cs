using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Webhooks
{
    /// <summary>The outcome of checking one captured delivery's signature.</summary>
    public sealed class WebhookSignatureResult
    {
        public string Service { get; set; }
        public bool Valid { get; set; }
        /// <summary>The header the signature is read from.</summary>
        public string Header { get; set; }
        /// <summary>How the signature is computed, in words.</summary>
        public string Scheme { get; set; }
        /// <summary>How sure the scheme is: Verified (the service documents it), Observed (the service's own client code), Inferred.</summary>
        public string Evidence { get; set; }
        public string Detail { get; set; }

        public override string ToString() => $"{Service} signature {(Valid ? "valid" : "INVALID")}: {Detail}";
    }

    /// <summary>One service's webhook signature scheme (in the service's own folder, registered by its IIntegrationService).</summary>
    public interface IWebhookSignatureScheme
    {
        string Service { get; }
        string Header { get; }
        string Scheme { get; }
        string Evidence { get; }
        /// <summary>Checks the headers (names any case) and raw body; a missing header is an invalid result that says why.</summary>
        WebhookSignatureResult Verify(IReadOnlyDictionary<string, string> headers, byte[] body, Secret secret);
    }

    /// <summary>
    /// Checking a captured delivery (headers and the raw body) by its service's scheme. Every comparison is
    /// constant-time; nothing derived from the secret is returned.
    /// </summary>
    public static class WebhookSignature
    {
        public static WebhookSignatureResult Verify(string service, IDictionary<string, string> headers, byte[] body, Secret secret)
        {
            if (secret == null || secret.IsEmpty) throw new ArgumentException("The shared secret is empty; give the secret the subscription was created with.", "Secret");
            var scheme = IntegrationServices.Find(service)?.WebhookSignature;
            if (scheme == null)
                throw new ArgumentException($"'{service}' has no webhook signature scheme the module knows; use one of {string.Join(", ", Services())}.", "Service");
            var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in headers ?? new Dictionary<string, string>()) if (kv.Key != null) h[kv.Key.Trim()] = kv.Value;
            return scheme.Verify(h, body ?? new byte[0], secret);
        }

        /// <summary>The services whose deliveries can be checked.</summary>
        public static IEnumerable<string> Services()
        {
            foreach (var s in IntegrationServices.All) if (s.WebhookSignature != null) yield return s.Name;
        }

        public static string HexHmacSha256(string secret, byte[] body)
        {
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
            {
                var hash = hmac.ComputeHash(body ?? new byte[0]);
                var sb = new StringBuilder(hash.Length * 2);
                foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        public static WebhookSignatureResult NewResult(IWebhookSignatureScheme scheme) =>
            new WebhookSignatureResult { Service = scheme.Service, Header = scheme.Header, Scheme = scheme.Scheme, Evidence = scheme.Evidence };

        public static WebhookSignatureResult Fail(WebhookSignatureResult result, string detail)
        {
            result.Valid = false;
            result.Detail = detail;
            return result;
        }

        public static WebhookSignatureResult Compare(WebhookSignatureResult result, string expected, string given)
        {
            result.Valid = FixedTimeEquals(expected, given);
            result.Detail = result.Valid
                ? $"The {result.Header} header matches the body and the secret."
                : $"The {result.Header} header does not match: the body was changed after signing (compare the raw bytes, not re-serialised JSON), or the secret is not the one the subscription was made with.";
            return result;
        }

        static bool FixedTimeEquals(string a, string b)
        {
            var x = Encoding.UTF8.GetBytes(a ?? "");
            var y = Encoding.UTF8.GetBytes(b ?? "");
            var diff = x.Length ^ y.Length;
            for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
                diff |= (i < x.Length ? x[i] : 0) ^ (i < y.Length ? y[i] : 0);
            return diff == 0;
        }
    }
}
