using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Tests.Webhooks;

/// <summary>
/// A webhook URL with credentials in it (Tripletex's targetUrl documents "https://username:password@…") is refused when
/// adding, and masked when a subscription made elsewhere is read back: a URL is plain text wherever it shows.
/// </summary>
public sealed class WebhookTargetTests
{
    [Fact]
    public void A_url_with_credentials_is_refused_without_repeating_them()
    {
        var problem = WebhookTarget.Problem(new Uri("https://hookuser:s3cret-pw@hooks.example.com/tripletex"));
        Assert.NotNull(problem);
        Assert.Contains("AuthHeaderValue", problem);
        Assert.DoesNotContain("s3cret-pw", problem);
        Assert.Null(WebhookTarget.Problem(new Uri("https://hooks.example.com/tripletex")));
    }

    [Theory]
    [InlineData("https://hookuser:s3cret-pw@hooks.example.com/t?x=1", "https://***@hooks.example.com/t?x=1")]
    [InlineData("https://token@hooks.example.com/t", "https://***@hooks.example.com/t")]
    [InlineData("https://hooks.example.com/a@b", "https://hooks.example.com/a@b")]
    [InlineData("http://127.0.0.1:5000/hook/", "http://127.0.0.1:5000/hook/")]
    [InlineData(null, null)]
    public void A_url_read_back_has_its_credentials_masked(string url, string shown) => Assert.Equal(shown, WebhookTarget.Redact(url));
}
