using System.Collections.Generic;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// Lime (lime.md §1, marked high: Lime's own docs and code): X-Lime-Signature = "sha256=" + hex(HMAC-SHA256(secret,
    /// raw body)); the hex digest is what Lime's own n8n trigger (Lundalogik/lime-n8n-nodes-crm, nodes/crypto.ts) computes.
    /// </summary>
    public sealed class LimeWebhookSignature : IWebhookSignatureScheme
    {
        public string Service => "Lime";
        public string Header => "X-Lime-Signature";
        public string Scheme => "'sha256=' + hex(HMAC-SHA256(secret, body))";
        public string Evidence => "Verified";

        public static string Sign(string secret, byte[] body) => "sha256=" + WebhookSignature.HexHmacSha256(secret, body);

        public WebhookSignatureResult Verify(IReadOnlyDictionary<string, string> headers, byte[] body, Secret secret)
        {
            var result = WebhookSignature.NewResult(this);
            if (!headers.TryGetValue(Header, out var given) || string.IsNullOrWhiteSpace(given))
                return WebhookSignature.Fail(result, $"The delivery has no {Header} header: the subscription was made without a secret, or the capture dropped the header.");
            return WebhookSignature.Compare(result, Sign(secret.Reveal(), body), given.Trim().ToLowerInvariant());
        }
    }
}
