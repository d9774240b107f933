using System.Net.Http;
using System.Text;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tests.IFirma;

public class IFirmaClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    IFirmaConnection Connect() => new(sandbox.Server.IFirma.Login,
        sandbox.Server.IFirma.Keys.ToDictionary(k => k.Key, k => Secret.FromPlainText(k.Value)), sandbox.Server.ServiceUri("ifirma"),
        new TransportOptions { MaxAttempts = 1 });

    [Fact]
    public async Task The_sandbox_accepts_the_signature_and_reads_the_account()
    {
        using var connection = Connect();
        var month = await connection.Client.GetAccountingMonthAsync(CancellationToken.None);
        Assert.Equal((DateTime.Today.Year, DateTime.Today.Month), (month.Year, month.Month));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_as_iFirma_refuses_it()
    {
        var key = sandbox.Server.IFirma.Keys["rachunek"];
        using var transport = new ApiTransport("IFirma", sandbox.Server.ServiceUri("ifirma"), new TransportOptions { MaxAttempts = 1 },
            null, new TestInterpreter(), (message, ct) =>
            {
                var body = message.Content.ReadAsByteArrayAsync(ct).Result;
                var signature = IFirmaSigner.Sign(IFirmaSigner.DecodeKey(key), message.RequestUri.GetLeftPart(UriPartial.Path), sandbox.Server.IFirma.Login, "rachunek", body);
                message.Headers.TryAddWithoutValidation("Authentication", IFirmaSigner.Header(sandbox.Server.IFirma.Login, signature));
                // Tampering after the signature: one byte more than was signed.
                message.Content = new ByteArrayContent(body.Concat(Encoding.UTF8.GetBytes(" ")).ToArray());
                return Task.CompletedTask;
            });
        var response = await transport.SendAsync(new ApiRequest(HttpMethod.Post, "rachunekkraj.json").WithJsonBody("{}"), CancellationToken.None);
        Assert.Contains("\"Kod\":403", response.Body);
    }

    [Fact]
    public async Task A_call_with_a_missing_area_key_fails_before_it_is_sent()
    {
        using var connection = new IFirmaConnection(sandbox.Server.IFirma.Login,
            new Dictionary<string, Secret> { ["faktura"] = Secret.FromPlainText(sandbox.Server.IFirma.Keys["faktura"]) }, sandbox.Server.ServiceUri("ifirma"));
        sandbox.Reset();
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetApiLimitAsync(CancellationToken.None));
        Assert.Equal(ErrorReason.Configuration, ex.Reason);
        Assert.Contains("'abonent' key", ex.Message);
        Assert.Empty(sandbox.Server.State.Log.Snapshot("ifirma"));
    }

    [Fact]
    public void A_key_that_is_not_hex_is_refused_when_connecting()
    {
        var ex = Assert.Throws<FormatException>(() => new IFirmaConnection("jan", new Dictionary<string, Secret> { ["faktura"] = Secret.FromPlainText("not-a-hex-key") }));
        Assert.Contains("hexadecimal", ex.Message);
    }

    sealed class TestInterpreter : IErrorInterpreter
    {
        public ServiceException Interpret(ApiResponse response) => new("IFirma", ErrorReason.Unknown, "failed", response.StatusCode);
        public string RequestIdOf(ApiResponse response) => null;
    }
}
