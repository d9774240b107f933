using System.Net.Http;
using System.Text;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Tests.Security;

public class RedactionTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public void A_registered_secret_is_masked_in_plain_base64_and_url_encoded_form()
    {
        var secret = "Canary+Secret/" + Guid.NewGuid().ToString("N");
        Secret.FromPlainText(secret);
        var text = $"a {secret} b {Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))} c {Uri.EscapeDataString(secret)}";
        var redacted = SecretRedactor.Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), redacted);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), redacted);
    }

    [Theory]
    [InlineData("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic ***")]
    [InlineData("Authorization: SecureToken abcdef==", "Authorization: SecureToken ***")]
    [InlineData("Authentication: IAPIS user=jan, hmac-sha1=00ff", "Authentication: IAPIS ***")]
    [InlineData("  X-Billbee-Api-Key: k3y", "  X-Billbee-Api-Key: ***")]
    [InlineData("https://h/x?consumerToken=abc&from=0", "https://h/x?consumerToken=***&from=0")]
    [InlineData("{\"password\":\"p\",\"user\":\"u\"}", "{\"password\":\"***\",\"user\":\"u\"}")]
    [InlineData("authentication: \"Basic dXNlcjpwYXNz\"", "authentication: \"Basic ***\"")]
    public void Credentials_are_masked_by_name(string text, string expected) => Assert.Equal(expected, SecretRedactor.Redact(text));

    [Fact]
    public void A_secret_never_prints_itself()
    {
        var secret = Secret.FromPlainText("do-not-print-" + Guid.NewGuid());
        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
    }

    [Fact]
    public async Task A_secret_in_a_header_a_query_string_and_a_body_reaches_no_trace_and_no_exception_text()
    {
        var header = "HDR-" + Guid.NewGuid().ToString("N");
        var query = "QRY-" + Guid.NewGuid().ToString("N");
        var body = "BDY-" + Guid.NewGuid().ToString("N");
        using var connection = sandbox.Billbee(apiKey: "wrong-key-" + Guid.NewGuid().ToString("N"));
        var observer = new RecordingObserver();
        var request = new ApiRequest(HttpMethod.Post, $"orders/1/tags?apikey={query}&page=1")
            .WithHeader("X-Custom-Token", header)
            .WithJsonBody($"{{\"password\":\"{body}\",\"Tags\":[\"a\"]}}");
        ServiceException ex;
        using (CallObserverScope.Begin(observer))
            ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(request, CancellationToken.None));

        Assert.Equal(ErrorReason.ApiKey, ex.Reason);
        var everything = observer.AllText() + "\n" + ex + "\n" + ex.Message;
        Assert.NotEmpty(observer.Exchanges);
        foreach (var canary in new[] { header, query, body }) Assert.DoesNotContain(canary, everything);
        Assert.Contains("X-Custom-Token: ***", everything);
        Assert.Contains("apikey=***", everything);
    }
}
