using System.Net.Http;
using System.Text;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tracing;
using CsCheck;

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

    static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("admin@shop.de")]
    [InlineData("api@fjordvik.se")]
    public void The_base64_of_user_colon_password_is_masked_whatever_the_alignment(string user)
    {
        // Only the password is known to the redactor, as when a server echoes a Basic header someone else built.
        var password = "Pw" + Guid.NewGuid().ToString("N")[..10] + "!";
        Secret.FromPlainText(password);
        var basic = B64(user + ":" + password);
        var redacted = SecretRedactor.Redact("echo: Basic " + basic + " and {\"h\":\"" + basic + "\"}");
        Assert.DoesNotContain(basic, redacted);
        Assert.DoesNotContain(password, redacted);
    }

    [Fact]
    public void A_basic_credential_built_by_the_module_is_masked_whole()
    {
        var password = "Pw" + Guid.NewGuid().ToString("N")[..10];
        var encoded = SecretRedactor.BasicCredential("admin@shop.de", password);
        Assert.Equal("x *** y", SecretRedactor.Redact("x " + encoded + " y"));
    }

    [Theory]
    [InlineData("quote\"d-")]
    [InlineData("back\\slash-")]
    [InlineData("plus+amp&lt<-")]
    [InlineData("space and ümlaut-")]
    public void Json_escaped_url_encoded_and_utf16_hex_forms_are_masked(string prefix)
    {
        var secret = prefix + Guid.NewGuid().ToString("N")[..8];
        Secret.FromPlainText(secret);
        var forms = new[]
        {
            secret, System.Text.Json.JsonSerializer.Serialize(secret), secret.Replace("\\", "\\\\").Replace("\"", "\\\""),
            Uri.EscapeDataString(secret), System.Net.WebUtility.UrlEncode(secret), System.Web.HttpUtility.UrlEncode(secret),
            Convert.ToHexString(Encoding.Unicode.GetBytes(secret)), Convert.ToHexString(Encoding.Unicode.GetBytes(secret)).ToLowerInvariant(),
            B64(secret),
        };
        foreach (var form in forms)
        {
            var redacted = SecretRedactor.Redact("before " + form + " after");
            Assert.True(!redacted.Contains(form.Trim('"')), $"{form} survived: {redacted}");
        }
    }

    [Fact]
    public void Prose_stays_prose_even_when_a_secret_is_a_word()
    {
        // An admin whose key is literally "wrong", and a token that reads "SecureToken ": the module's own words stay.
        Secret.FromPlainText("wrong");
        Secret.FromPlainText("SecureToken ");
        Secret.FromPlainText("is the");
        var prose = new[]
        {
            "Lime answered 404: the object does not exist, or the API key is wrong (Lime hides unauthenticated calls as 404)",
            "Build the value with New-BillectaAuthorization (-Credential for Basic, -SecureToken for a token) instead of by hand.",
        };
        foreach (var p in prose) Assert.Equal(p, SecretRedactor.Redact(p));
        // Where it stands as a credential, it is still masked by name.
        Assert.Equal("  X-Api-Key: ***", SecretRedactor.Redact("  X-Api-Key: wrong"));
        Assert.Equal("{\"apiKey\":\"***\"}", SecretRedactor.Redact("{\"apiKey\":\"wrong\"}"));
    }

    [Theory]
    [InlineData("pläin<&>'\"\\secret\u0001\u2028")]
    [InlineData("Sbx-0123456789abAa1")]
    [InlineData("ü+/=😀")]
    public void The_JSON_escaped_form_is_the_one_JsonSerializer_writes(string secret) =>
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(secret).Trim('"'), SecretRedactor.FormsOf(secret));

    [Fact]
    public async Task A_traced_call_s_headers_and_body_are_redacted_when_read()
    {
        var key = "Trace-Canary-" + Guid.NewGuid().ToString("N");
        Secret.FromPlainText(key);
        var observer = new RecordingObserver();
        using (CallObserverScope.Begin(observer))
        using (var transport = new ApiTransport("Test", sandbox.Server.ServiceUri("billbee"), new TransportOptions { MaxAttempts = 1 }, null, new PassThroughInterpreter(),
                   (m, ct) => { m.Headers.TryAddWithoutValidation("X-Trace-Canary", key); return Task.CompletedTask; }))
        {
            try { await transport.SendAsync(new ApiRequest(HttpMethod.Get, "orders?x=" + key), CancellationToken.None); }
            catch (ServiceException) { /* refused without credentials: the trace is what is looked at */ }
        }
        var exchange = Assert.Single(observer.Exchanges);
        Assert.DoesNotContain(key, exchange.Url);
        Assert.DoesNotContain(key, exchange.Detail);
        Assert.Contains("X-Trace-Canary: ***", exchange.RequestHeaders);
    }

    sealed class PassThroughInterpreter : IErrorInterpreter
    {
        public string RequestIdOf(ApiResponse response) => null;
        public ServiceException Interpret(ApiResponse response) => new("Test", ErrorReason.Validation, "refused", response.StatusCode);
    }

    [Theory]
    [InlineData("Canary%2BSecret%2F42")]
    [InlineData("%%2F%2%41%zz%4")]
    [InlineData("no escapes at all")]
    [InlineData("%2f already lower %2F%")]
    public void Escapes_are_lower_cased_as_the_regex_did(string encoded) =>
        Assert.Equal(System.Text.RegularExpressions.Regex.Replace(encoded, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()), SecretRedactor.LowerCaseEscapes(encoded));

    // Near misses of every credential name (and the names themselves), in any case, between the characters the
    // by-name patterns key on: a text the pre-check lets through unmasked must be one the patterns leave alone.
    static readonly Gen<string> NearCredentialText = Gen.OneOf(
            Gen.OneOf(new[] { "ke", "key", "tok", "token", "pass", "passwd", "password", "secre", "secret", "signatur", "signature", "cooki", "cookie",
                "aut", "auth", "authorization", "authentication", "hma", "hmac", "api-key", "api_key", "apikey", "proxy-" }.Select(Gen.Const).ToArray())
                .SelectMany(w => Gen.Bool.Array[w.Length].Select(upper => new string(w.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c).ToArray()))),
            Gen.OneOf(new[] { ":", "=", "&", "?", ";", "\"", " ", "\t", "\n", "\r", "{", "}", "-", "_", ".", "x", "Z9", "/", "%2F" }.Select(Gen.Const).ToArray()),
            Gen.String[Gen.Char.AlphaNumeric, 1, 6])
        .Array[1, 12].Select(parts => string.Concat(parts));

    [Fact]
    public void A_text_the_pre_check_passes_over_is_one_the_by_name_patterns_leave_unchanged()
    {
        var checkedBoth = 0;
        NearCredentialText.Sample(text =>
        {
            if (SecretRedactor.MayNameCredential(text)) { checkedBoth++; return; }
            var masked = SecretRedactor.MaskByName(text);
            if (masked != text) throw new Exception($"the pre-check skipped '{text}', which the patterns mask as '{masked}'");
        }, iter: Fuzz.FuzzScale.Iter(3000), threads: 1);
        Assert.True(checkedBoth > 0, "the generator made no text with a credential name");
    }

    [Theory]
    [InlineData("https://h/api/v1/shopaccounts?page=1&pageSize=50", false)]
    [InlineData("https://h/x?consumerToken=abc&from=0", true)]
    [InlineData("  X-Billbee-Api-Key: k3y", true)]
    [InlineData("{\"PassWord\":\"p\"}", true)]
    [InlineData("\u212Aey: value", true)] // the Kelvin sign folds to k: non-ASCII text always runs the patterns
    public void The_pre_check_passes_over_only_ascii_text_without_a_credential_name(string text, bool runsPatterns) =>
        Assert.Equal(runsPatterns, SecretRedactor.MayNameCredential(text));
}
