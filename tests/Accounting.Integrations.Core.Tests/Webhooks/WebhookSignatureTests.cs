using System.Security.Cryptography;
using System.Text;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Tests.Webhooks;

/// <summary>The three signature schemes against signatures computed here from the specs' wording, and the ways a capture goes wrong.</summary>
public class WebhookSignatureTests
{
    static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"subscriptionId\":4101,\"event\":\"customer.create\",\"id\":7,\"value\":{\"id\":7}}");
    static readonly Secret Key = Secret.FromPlainText("S5Yd3Dz6FWmj7q2uA4Uy9KcQMGBVpJHeCbTgEnaw"); // the OpenAPI's example secret

    [Fact]
    public void Tripletex_is_base64_of_HmacSHA512_over_the_idempotency_key_an_ampersand_and_the_body()
    {
        using var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(Key.Reveal()));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("k-123&").Concat(Body).ToArray()));
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "k-123", ["X-Request-Signature"] = expected }; // names in any case
        Assert.True(WebhookSignature.Verify("Tripletex", headers, Body, Key).Valid);
        headers["X-Request-Signature"] = Convert.ToBase64String(hmac.ComputeHash(Body)); // without the key prefix: not Tripletex's scheme
        Assert.False(WebhookSignature.Verify("Tripletex", headers, Body, Key).Valid);
        headers.Remove("Idempotency-Key");
        Assert.Contains("idempotency-key", WebhookSignature.Verify("Tripletex", headers, Body, Key).Detail);
    }

    [Fact]
    public void Lime_is_sha256_equals_hex_HMAC_SHA256_of_the_raw_body_and_reserialised_json_does_not_match()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Key.Reveal()));
        var signature = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(Body));
        var headers = new Dictionary<string, string> { ["x-lime-signature"] = signature.ToUpperInvariant().Replace("SHA256=", "sha256=") };
        Assert.True(WebhookSignature.Verify("Lime", headers, Body, Key).Valid); // hex in either case
        var reformatted = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace(",", ", "));
        var result = WebhookSignature.Verify("Lime", headers, reformatted, Key);
        Assert.False(result.Valid);
        Assert.Contains("raw bytes", result.Detail);
    }

    [Fact]
    public void An_unknown_service_or_an_empty_secret_is_refused_naming_the_parameter()
    {
        Assert.Equal("Service", Assert.Throws<ArgumentException>(() => WebhookSignature.Verify("Billecta", new Dictionary<string, string>(), Body, Key)).ParamName);
        Assert.Equal("Secret", Assert.Throws<ArgumentException>(() => WebhookSignature.Verify("Lime", new Dictionary<string, string>(), Body, Secret.FromPlainText(""))).ParamName);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x", true)]
    [InlineData("http://127.0.0.1:8080/x", true)]
    [InlineData("http://hooks.example.com/x", false)]
    [InlineData("ftp://hooks.example.com/x", false)]
    public void A_receiver_must_be_https_or_a_loopback_rehearsal(string url, bool accepted) =>
        Assert.Equal(accepted, WebhookTarget.Problem(new Uri(url)) == null);
}
