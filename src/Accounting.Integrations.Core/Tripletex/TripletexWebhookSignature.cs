using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// Tripletex (tripletex.md §10; the OpenAPI's hmacSharedSecret text, verified): x-request-signature =
    /// base64(HmacSHA512(header idempotency-key + "&amp;" + body)). The secret's bytes are its UTF-8 (inferred: the docs give it as text).
    /// </summary>
    public sealed class TripletexWebhookSignature : IWebhookSignatureScheme
    {
        public const string KeyHeader = "idempotency-key";
        public string Service => "Tripletex";
        public string Header => "x-request-signature";
        public string Scheme => "base64(HmacSHA512(header idempotency-key + '&' + body))";
        public string Evidence => "Verified";

        public static string Sign(string secret, string idempotencyKey, byte[] body)
        {
            var prefix = Encoding.UTF8.GetBytes((idempotencyKey ?? "") + "&");
            using (var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(secret)))
                return Convert.ToBase64String(hmac.ComputeHash(prefix.Concat(body ?? new byte[0]).ToArray()));
        }

        public WebhookSignatureResult Verify(IReadOnlyDictionary<string, string> headers, byte[] body, Secret secret)
        {
            var result = WebhookSignature.NewResult(this);
            if (!headers.TryGetValue(Header, out var given) || string.IsNullOrWhiteSpace(given))
                return WebhookSignature.Fail(result, $"The delivery has no {Header} header: the subscription was made without hmacSharedSecret, or the capture dropped the header.");
            if (!headers.TryGetValue(KeyHeader, out var key) || string.IsNullOrEmpty(key))
                return WebhookSignature.Fail(result, $"The delivery has no {KeyHeader} header, which the signature covers; capture all headers.");
            return WebhookSignature.Compare(result, Sign(secret.Reveal(), key, body), given.Trim());
        }
    }
}
