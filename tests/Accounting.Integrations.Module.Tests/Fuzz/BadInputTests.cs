using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Fuzz;

/// <summary>Issue 15 item 10: each bad input the adversarial run found ends in the module's ErrorId, naming the parameter.</summary>
[Collection("Module")]
public class BadInputTests(ModuleSession session) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-badinput-").FullName;

    void ShouldBeRefused(string script, string parameter, string errorId = "Module.InvalidParameter")
    {
        var result = session.Run(script);
        var error = result.Errors.Concat(result.Terminating is RuntimeException rt ? new[] { rt.ErrorRecord } : Array.Empty<ErrorRecord>()).FirstOrDefault();
        Assert.True(error != null, script + ": no error");
        Assert.True(ErrorCatalogue.Stray(error) == null, script + ": " + ErrorCatalogue.Stray(error));
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        if (parameter != null) Assert.Equal(parameter, Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
    }

    [Fact]
    public void The_issues_examples_end_in_module_ErrorIds_that_name_the_parameter()
    {
        session.SetVariable("Work", _folder);
        const string Token = "New-BillectaAuthorization -SecureToken (Secure 'dG9rZW4=')";
        ShouldBeRefused(ModuleSession.ConnectTripletex + "Get-TripletexInvoice -To 9999-12-31", "To");
        ShouldBeRefused("Remove-IntegrationMonitorLog -OlderThan ([TimeSpan]::MaxValue) -Confirm:$false", "OlderThan");
        ShouldBeRefused(Token + " | Set-LimeApplicationConfig -Path ($Work + '/app.yaml') -Application crm -BaseUrl relative/path -Confirm:$false", "BaseUrl");
        ShouldBeRefused(Token + " | Set-LimeApplicationConfig -Path ($Work + '/app.yaml') -Application '-1' -Environment Test -Confirm:$false", "Application");
        ShouldBeRefused("New-IntegrationPolicy -Path ($Work + '/no/such/folder/policy.yaml')", "Path");
        ShouldBeRefused("New-IntegrationPolicy -Path $Work -Force", "Path");
        ShouldBeRefused("Get-IntegrationProfile -Name '[a'", "Name");
        ShouldBeRefused("Connect-Billecta -SecureToken (Secure ' ')", "SecureToken");
        ShouldBeRefused("Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -Proxy ftp://proxy.example/", "Proxy");
        ShouldBeRefused("Connect-IFirma -BaseUrl $IFirmaUrl -Login $IFirmaLogin -InvoiceKey $IFirmaKey_faktura -BillKey (Secure 'not-hex')", "BillKey");

        // A path on another provider is refused, and nothing named after it appears in the current folder.
        var before = Directory.GetFiles(_folder).Length;
        ShouldBeRefused($"[void]$ExecutionContext.SessionState.Path.SetLocation($Work); {Token} | Set-LimeApplicationConfig -Path 'Env:/PATH' -Application crm -Environment Test -Confirm:$false", "Path");
        ShouldBeRefused("[void]$ExecutionContext.SessionState.Path.SetLocation($Work); New-IntegrationPolicy -Path 'Env:/PATH'", "Path");
        session.Run("[void]$ExecutionContext.SessionState.Path.SetLocation('/')");
        Assert.Equal(before, Directory.GetFiles(_folder).Length);
        Assert.False(File.Exists(Path.Combine(_folder, "PATH")));
    }

    [Fact]
    public void A_redirect_is_reported_as_one_with_where_it_points_and_is_not_followed()
    {
        using var server = new RedirectServer();
        session.SetVariable("RedirectUrl", server.BaseUrl);
        var result = session.Run("Connect-Billbee -BaseUrl $RedirectUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -MaxAttempts 1\nGet-BillbeeOrder -Id 1");
        var error = result.SingleError();
        Assert.Equal("Billbee.Configuration", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("redirect", error.Exception.Message);
        Assert.Contains("https://elsewhere.example/api/v1/", error.Exception.Message);
        Assert.Equal(1, server.Requests); // not followed, not retried
    }

    public void Dispose() => Directory.Delete(_folder, true);
}

/// <summary>A loopback server that answers every request with 302 to another host.</summary>
sealed class RedirectServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    int _requests;

    public RedirectServer()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v1/";
        _ = Task.Run(Serve);
    }

    public string BaseUrl { get; }
    public int Requests => Volatile.Read(ref _requests);

    async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var head = new StringBuilder();
                while (!head.ToString().Contains("\r\n\r\n"))
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0) break;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                Interlocked.Increment(ref _requests);
                var answer = "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/api/v1/orders/1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
