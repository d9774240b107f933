using System.Text;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Tests.Shared;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Security;

/// <summary>
/// Issue 15 item 2: canaries for every credential, sent to a hostile loopback server that echoes each request
/// (headers and body) in its answers' headers and bodies and sends redirects; then every stream and the serialised form
/// (Export-Clixml's serialiser, Json.NET as under ConvertTo-Json) of every output and error are searched for each canary in every encoding
/// a request, an echo or a serialiser can give it. Also the Tripletex session token, from the sandbox.
/// </summary>
[Collection("Module")]
public class HostileServerCanaryTests(ModuleSession session, ITestOutputHelper log)
{
    static string Canary(string what, string tail = "") => "CANARY" + what + Guid.NewGuid().ToString("N")[..10] + tail;

    static IEnumerable<string> Forms(string secret, IEnumerable<string> users)
    {
        var utf16 = Encoding.Unicode.GetBytes(secret);
        yield return secret;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return Uri.EscapeDataString(secret);
        yield return System.Net.WebUtility.UrlEncode(secret);
        yield return System.Text.Json.JsonSerializer.Serialize(secret).Trim('"');
        yield return secret.Replace("\\", "\\\\").Replace("\"", "\\\"");
        yield return Convert.ToHexString(utf16);
        yield return Convert.ToBase64String(utf16);
        foreach (var user in users) yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret));
    }

    [Fact]
    public void No_canary_in_any_encoding_reaches_streams_or_serialised_output_with_an_echoing_redirecting_server()
    {
        using var hostile = new HostileServer();
        var canaries = new Dictionary<string, string>
        {
            // A quote and a backslash: JSON escaping must be known to the redactor too.
            ["BillbeePassword"] = Canary("bbpw", "\"q\\b"), ["BillbeeKey"] = Canary("bbkey"),
            ["LimeKey"] = Canary("lime", "\\"), ["TripletexConsumer"] = Canary("ttc"), ["TripletexEmployee"] = Canary("tte"),
            ["BillectaPassword"] = Canary("blpw", "\""), ["BillectaToken"] = Canary("bltok"),
            ["IFirmaKey"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        };
        var users = new[] { "admin@shop.de", "api@fjordvik.se", "0", "a", "ab" };
        foreach (var c in canaries) session.SetVariable("C_" + c.Key, c.Value);
        var folder = Directory.CreateTempSubdirectory("ai-hostile-").FullName;
        session.SetVariable("Hostile", hostile.BaseUri.AbsoluteUri);
        session.SetVariable("Out", folder);
        session.Sandbox.Lime.RequestsPerFiveMinutes = 60000;
        var sweep = """
            param($round)
            $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $ErrorActionPreference = 'Continue'
            $all = [System.Collections.Generic.List[object]]::new()
            $all.Add((Connect-Billbee -BaseUrl $Hostile -Credential ([pscredential]::new('admin@shop.de', (Secure $C_BillbeePassword))) -ApiKey (Secure $C_BillbeeKey) -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-BillbeeConnection; Get-BillbeeOrderState; Get-BillbeeOrder -Id 1; Set-BillbeeOrderState -Id 1 -State Shipped -Confirm:$false)) { $all.Add($o) }
            $all.Add((Connect-Lime -BaseUrl $Hostile -ApiKey (Secure $C_LimeKey) -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-LimeConnection; Get-IntegrationMonitor; Remove-IntegrationMonitorLog -OlderThan 30 -Confirm:$false)) { $all.Add($o) }
            $all.Add((Connect-Tripletex -Environment Test -BaseUrl $Hostile -ConsumerToken (Secure $C_TripletexConsumer) -EmployeeToken (Secure $C_TripletexEmployee) -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-TripletexConnection; New-TripletexSession -Confirm:$false; Get-TripletexCustomer)) { $all.Add($o) }
            $all.Add((Connect-IFirma -BaseUrl $Hostile -Login jan -InvoiceKey (Secure $C_IFirmaKey) -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-IFirmaConnection; Get-IFirmaInvoice)) { $all.Add($o) }
            $cred = [pscredential]::new('api@fjordvik.se', (Secure $C_BillectaPassword))
            $all.Add((Connect-Billecta -Credential $cred -BaseUrl $Hostile -OtherEnvironmentUrl $Hostile -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-BillectaConnection; Get-BillectaCreditor)) { $all.Add($o) }
            $all.Add((Connect-Billecta -SecureToken (Secure $C_BillectaToken) -BaseUrl $Hostile -MaxAttempts 2 -PassThru))
            foreach ($o in @(Test-BillectaConnection)) { $all.Add($o) }
            # The real sandbox for a Tripletex session: the session object and the connection's current session, saved.
            $tt = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee -PassThru
            $s = New-TripletexSession -Confirm:$false; $all.Add($s); $all.Add($tt.CurrentSession); $all.Add($tt)
            @($all | Where-Object { $null -ne $_ })
            """;
        try
        {
            var results = new List<ScriptResult>();
            foreach (var (status, mode) in new[] { (401, HostileServer.Behaviour.Echo), (200, HostileServer.Behaviour.Echo), (500, HostileServer.Behaviour.Echo), (302, HostileServer.Behaviour.Redirect) })
            {
                hostile.Status = status;
                hostile.Mode = mode;
                hostile.RedirectTo = hostile.BaseUri + "elsewhere";
                results.Add(session.Run(sweep, status));
            }
            // Export-Clixml and ConvertTo-Json as the hosted engine has them: the serialiser Export-Clixml uses
            // (PSSerializer, SecureString as hex of UTF-16 on Linux) and Json.NET, which ConvertTo-Json is built on.
            var json = new Newtonsoft.Json.JsonSerializerSettings { ReferenceLoopHandling = Newtonsoft.Json.ReferenceLoopHandling.Ignore, MaxDepth = 4, Error = (_, e) => e.ErrorContext.Handled = true };
            var serialised = new StringBuilder();
            var outputs = results.SelectMany(r => r.Output).Where(o => o != null).ToList();
            foreach (var o in outputs)
            {
                serialised.AppendLine(System.Management.Automation.PSSerializer.Serialize(o, 4));
                serialised.AppendLine(Newtonsoft.Json.JsonConvert.SerializeObject(o.BaseObject, json));
            }
            foreach (var e in results.SelectMany(r => r.Errors)) serialised.AppendLine(System.Management.Automation.PSSerializer.Serialize(e, 3));
            File.WriteAllText(Path.Combine(folder, "outputs-and-errors.clixml-and-json"), serialised.ToString());
            Assert.Contains(outputs, o => o.BaseObject.GetType().Name == "TripletexSession");
            foreach (var r in results) Assert.Null(r.Terminating);
            Assert.DoesNotContain(results.SelectMany(r => r.Errors), e => e.Exception is System.Management.Automation.CommandNotFoundException);
            var files = Directory.GetFiles(folder);
            var text = string.Join("\n", results.Select(r => r.AllText())) + string.Concat(files.Select(File.ReadAllText));
            var tokens = session.Sandbox.Tripletex.SessionTokens.ToList();
            Assert.NotEmpty(tokens);
            var secrets = canaries.Values.Concat(tokens).ToList();
            var forms = secrets.SelectMany(s => Forms(s, users)).Distinct().ToList();
            var found = forms.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
            log.WriteLine($"{secrets.Count} secrets ({tokens.Count} session tokens) in {forms.Count} forms, searched in {text.Length:N0} characters: " +
                $"{hostile.Requests.Count} requests reached the hostile server, {results.Sum(r => r.Errors.Count)} errors, {results.Sum(r => r.Debug.Count)} debug records, {files.Length} files ({string.Join(", ", files.Select(Path.GetFileName))}): {found.Count} found");
            Assert.True(hostile.Requests.Count >= 30, "the cmdlets must have reached the hostile server, or the sweep proves little");
            Assert.DoesNotMatch("<SS[ >]", text); // no SecureString written by Export-Clixml anywhere
            Assert.Empty(found);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
