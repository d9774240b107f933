using System.Net.Http;
using System.Text;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Tests.Shared;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>Issue 15 item 1: credentials go only to a host the user named, over https or to loopback, and never through a proxy to loopback.</summary>
public class CredentialTargetTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    static Secret Basic(string user, string password) => Secret.FromPlainText(BillectaAuthorization.Basic(user, password));

    [Theory]
    [InlineData("http://billecta-other.invalid/v1/")]
    [InlineData("ftp://127.0.0.1/")]
    public void A_transport_cannot_be_made_for_a_url_that_would_expose_credentials(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BillbeeConnection(new Uri(url), "u", Secret.FromPlainText("p4ssw0rd!"), Secret.FromPlainText("k3y-k3y-k3y")));
        Assert.Contains(new Uri(url).Scheme, ex.Message);
    }

    [Theory]
    [InlineData("https://api.billbee.io/api/v1/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.3.4.5:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    public void Https_and_loopback_are_allowed(string url) => Assert.Null(CredentialTarget.Problem(new Uri(url)));

    [Fact]
    public void A_billecta_other_environment_url_in_clear_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BillectaConnection(BillectaEnvironment.Production, Basic("api@x.se", "pw-123456"), null, new Uri("http://billecta-other.invalid/v1/")));
        Assert.Contains("plain http", ex.Message);
    }

    [Fact]
    public void The_other_environment_is_only_a_url_the_user_named_or_billectas_own_when_none_was_named()
    {
        var sandboxUrl = new Uri(sandbox.Server.BaseUri, sandbox.Server.Billecta.BasePath);
        using (var named = new BillectaConnection(BillectaEnvironment.Production, Basic("api@x.se", "pw-123456"), sandboxUrl))
            Assert.Null(named.OtherEnvironmentUri);
        using (var defaults = new BillectaConnection(BillectaEnvironment.Production, Basic("api@x.se", "pw-123456")))
            Assert.Equal(BillectaConnection.DefaultBaseUri(BillectaEnvironment.Test), defaults.OtherEnvironmentUri);
        var other = new Uri(sandbox.Server.BaseUri, sandbox.Server.Billecta.TestBasePath);
        using (var both = new BillectaConnection(BillectaEnvironment.Production, Basic("api@x.se", "pw-123456"), sandboxUrl, other))
            Assert.Equal(other, both.OtherEnvironmentUri);
    }

    [Fact]
    public async Task After_a_401_a_sandbox_connection_sends_the_login_nowhere_else()
    {
        sandbox.Reset();
        using var proxy = new HostileServer();
        var sandboxUrl = new Uri(sandbox.Server.BaseUri, sandbox.Server.Billecta.BasePath);
        // A proxy for everything not on this machine: had the fallback gone to apitest.billecta.com, the proxy would see it.
        using var connection = new BillectaConnection(BillectaEnvironment.Production, Basic("api@x.se", "wrong-pw-123"), sandboxUrl, null, new TransportOptions { Proxy = proxy.BaseUri, MaxAttempts = 1 });
        var result = await connection.Client.TestConnectionAsync(CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal("Billecta.Authentication", result.ErrorId);
        Assert.Single(sandbox.Server.State.Log.Snapshot("billecta"));
        Assert.Empty(proxy.Requests);
        Assert.Contains("-OtherEnvironmentUrl", (string)result.Details["OtherEnvironment"]);
    }

    [Fact]
    public async Task A_loopback_call_bypasses_the_proxy()
    {
        sandbox.Reset();
        using var proxy = new HostileServer();
        using var connection = sandbox.Billbee(new TransportOptions { Proxy = proxy.BaseUri, MaxAttempts = 1 });
        var states = await connection.Client.GetOrderStatesAsync(CancellationToken.None);
        Assert.NotEmpty(states);
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task A_request_cannot_leave_the_connections_host()
    {
        using var elsewhere = new HostileServer();
        using var connection = sandbox.Billbee(new TransportOptions { MaxAttempts = 1 });
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(new ApiRequest(HttpMethod.Get, new Uri(elsewhere.BaseUri, "steal").AbsoluteUri), CancellationToken.None));
        Assert.Equal(ErrorReason.Configuration, ex.Reason);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_to_another_host()
    {
        using var capture = new HostileServer();
        using var redirecting = new HostileServer { Mode = HostileServer.Behaviour.Redirect, RedirectTo = new Uri(capture.BaseUri, "captured").AbsoluteUri };
        using var connection = new BillbeeConnection(redirecting.BaseUri, "u@x.de", Secret.FromPlainText("redirect-pw-1"), Secret.FromPlainText("redirect-key-1"), new TransportOptions { MaxAttempts = 1 });
        await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetOrderStatesAsync(CancellationToken.None));
        Assert.Single(redirecting.Requests);
        Assert.Empty(capture.Requests);
    }
}
