using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Accounting.Integrations.Core.Security;

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

    /// <summary>
    /// The services' webhook signature schemes, for checking a captured delivery (headers and the raw body). Every
    /// comparison is constant-time; nothing derived from the secret is returned.
    /// </summary>
    public static class WebhookSignature
    {
        public const string TripletexHeader = "x-request-signature";
        public const string TripletexKeyHeader = "idempotency-key";
        public const string LimeHeader = "X-Lime-Signature";
        /// <summary>ASSUMPTION: Billbee's webhook model is Microsoft ASP.NET WebHooks (billbee.md §7), whose sender signs with ms-signature.</summary>
        public const string BillbeeHeader = "ms-signature";

        public static readonly string[] Services = { "Tripletex", "Lime", "Billbee" };

        /// <summary>
        /// Tripletex (tripletex.md §10, the OpenAPI's hmacSharedSecret text, verified): base64(HmacSHA512(idempotency-key + "&amp;" + body)).
        /// The secret's bytes are its UTF-8 encoding (inferred: the docs give the secret as text).
        /// </summary>
        public static string SignTripletex(string secret, string idempotencyKey, byte[] body)
        {
            var prefix = Encoding.UTF8.GetBytes((idempotencyKey ?? "") + "&");
            using (var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(secret)))
                return Convert.ToBase64String(hmac.ComputeHash(prefix.Concat(body ?? new byte[0]).ToArray()));
        }

        /// <summary>Lime (lime.md §1; Lime's own n8n trigger, nodes/crypto.ts, observed): "sha256=" + hex(HMAC-SHA256(secret, raw body)).</summary>
        public static string SignLime(string secret, byte[] body) => "sha256=" + HexHmacSha256(secret, body);

        /// <summary>ASSUMPTION (billbee.md §7, inferred from ASP.NET WebHooks): "sha256=" + hex(HMAC-SHA256(secret, raw body)).</summary>
        public static string SignBillbee(string secret, byte[] body) => "sha256=" + HexHmacSha256(secret, body);

        static string HexHmacSha256(string secret, byte[] body)
        {
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
            {
                var hash = hmac.ComputeHash(body ?? new byte[0]);
                var sb = new StringBuilder(hash.Length * 2);
                foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        /// <summary>Checks a captured delivery. Header names are matched without regard to case, as HTTP does.</summary>
        public static WebhookSignatureResult Verify(string service, IDictionary<string, string> headers, byte[] body, Secret secret)
        {
            if (secret == null || secret.IsEmpty) throw new ArgumentException("The shared secret is empty; give the secret the subscription was created with.", "Secret");
            var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in headers ?? new Dictionary<string, string>()) if (kv.Key != null) h[kv.Key.Trim()] = kv.Value;
            switch ((service ?? "").ToLowerInvariant())
            {
                case "tripletex":
                {
                    var result = New("Tripletex", TripletexHeader, "base64(HmacSHA512(header idempotency-key + '&' + body))", "Verified");
                    if (!h.TryGetValue(TripletexHeader, out var given) || string.IsNullOrWhiteSpace(given))
                        return Fail(result, $"The delivery has no {TripletexHeader} header: the subscription was made without hmacSharedSecret, or the capture dropped the header.");
                    if (!h.TryGetValue(TripletexKeyHeader, out var key) || string.IsNullOrEmpty(key))
                        return Fail(result, $"The delivery has no {TripletexKeyHeader} header, which the signature covers; capture all headers.");
                    return Compare(result, SignTripletex(secret.Reveal(), key, body), given.Trim());
                }
                case "lime":
                {
                    var result = New("Lime", LimeHeader, "'sha256=' + hex(HMAC-SHA256(secret, body))", "Observed");
                    if (!h.TryGetValue(LimeHeader, out var given) || string.IsNullOrWhiteSpace(given))
                        return Fail(result, $"The delivery has no {LimeHeader} header: the subscription was made without a secret, or the capture dropped the header.");
                    return Compare(result, SignLime(secret.Reveal(), body), given.Trim().ToLowerInvariant());
                }
                case "billbee":
                {
                    var result = New("Billbee", BillbeeHeader, "'sha256=' + hex(HMAC-SHA256(secret, body)) (ASSUMPTION: ASP.NET WebHooks' scheme; Billbee does not document it)", "Inferred");
                    if (!h.TryGetValue(BillbeeHeader, out var given) || string.IsNullOrWhiteSpace(given))
                        return Fail(result, $"The delivery has no {BillbeeHeader} header. Billbee's signature scheme is undocumented; the module assumes ASP.NET WebHooks' ms-signature.");
                    return Compare(result, SignBillbee(secret.Reveal(), body), given.Trim().ToLowerInvariant());
                }
                default:
                    throw new ArgumentException($"'{service}' has no webhook signature scheme the module knows; use one of {string.Join(", ", Services)}.", "Service");
            }
        }

        static WebhookSignatureResult New(string service, string header, string scheme, string evidence) =>
            new WebhookSignatureResult { Service = service, Header = header, Scheme = scheme, Evidence = evidence };

        static WebhookSignatureResult Fail(WebhookSignatureResult result, string detail)
        {
            result.Valid = false;
            result.Detail = detail;
            return result;
        }

        static WebhookSignatureResult Compare(WebhookSignatureResult result, string expected, string given)
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
