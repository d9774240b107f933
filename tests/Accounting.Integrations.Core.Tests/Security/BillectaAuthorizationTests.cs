using System.Text;
using Accounting.Integrations.Core.Billecta;

namespace Accounting.Integrations.Core.Tests.Security;

public class BillectaAuthorizationTests
{
    static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Basic_is_base64_of_user_colon_password_without_a_newline()
    {
        Assert.Equal("Basic " + B64("api@firma.se:Lösen0rd"), BillectaAuthorization.Basic("api@firma.se", "Lösen0rd"));
        Assert.True(BillectaAuthorization.Check(BillectaAuthorization.Basic("api@firma.se", "Lösen0rd")).Valid);
    }

    [Fact]
    public void SecureToken_carries_base64_of_the_token_string()
    {
        var token = "AAECAwQFBgcICQoLDA0ODw=="; // Billecta's tokens look like base64 themselves
        Assert.Equal("SecureToken " + B64(token), BillectaAuthorization.SecureToken(token));
        var check = BillectaAuthorization.Check(BillectaAuthorization.SecureToken(token));
        Assert.True(check.Valid);
        Assert.Equal("SecureToken", check.Scheme);
    }

    [Theory]
    [InlineData("basic dXNlcjpwYXNz", "written 'Basic' exactly")]
    [InlineData("BasicdXNlcjpwYXNz", "one space between")]
    [InlineData("Basic  dXNlcjpwYXNz", "more than one space")]
    [InlineData("Basic dXNlcjpwYXNz!", "not valid base64")]
    [InlineData("Basic dXNlcnBhc3M=", "no ':'")]
    [InlineData("Bearer dXNlcjpwYXNz", "does not take 'Bearer'")]
    [InlineData("Basic dXNlcjpwYXNz\n", "line break")]
    [InlineData("SecureToken AAECAwQFBgcICQoLDA0ODw==", "probably the raw SecureToken")]
    [InlineData("", "empty")]
    public void Each_malformed_value_is_refused_with_the_defect_named(string value, string defect)
    {
        var check = BillectaAuthorization.Check(value);
        Assert.False(check.Valid);
        Assert.Contains(check.Problems, p => p.Contains(defect));
        Assert.All(check.Problems, p => Assert.DoesNotContain("dXNlcjpwYXNz", p)); // the value itself is never quoted
    }
}
