using System.Collections.Generic;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>
    /// ASSUMPTION (billbee.md §7, inferred; §11.7 lists "the signature header" as open; the OpenAPI's WebHookApiModel has
    /// only a required Secret): Billbee's webhook model is Microsoft ASP.NET WebHooks, whose sender signs with
    /// ms-signature = "sha256=" + hex(HMAC-SHA256(secret, raw body)). Billbee documents no scheme.
    /// </summary>
    public sealed class BillbeeWebhookSignature : IWebhookSignatureScheme
    {
        public string Service => "Billbee";
        public string Header => "ms-signature";
        public string Scheme => "'sha256=' + hex(HMAC-SHA256(secret, body)) (ASSUMPTION: ASP.NET WebHooks' scheme; Billbee does not document it)";
        public string Evidence => "Inferred";

        public static string Sign(string secret, byte[] body) => "sha256=" + WebhookSignature.HexHmacSha256(secret, body);

        public WebhookSignatureResult Verify(IReadOnlyDictionary<string, string> headers, byte[] body, Secret secret)
        {
            var result = WebhookSignature.NewResult(this);
            if (!headers.TryGetValue(Header, out var given) || string.IsNullOrWhiteSpace(given))
                return WebhookSignature.Fail(result, $"The delivery has no {Header} header. Billbee's signature scheme is undocumented; the module assumes ASP.NET WebHooks' ms-signature.");
            return WebhookSignature.Compare(result, Sign(secret.Reveal(), body), given.Trim().ToLowerInvariant());
        }
    }
}
