using System.Diagnostics;
using System.Text;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Tests.Shared;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Transport;

/// <summary>
/// What only a real pwsh 7.6.9 shows (the repository's tool manifest): -Debug under -NonInteractive (issue 15 item 11),
/// HTTP_PROXY / HTTPS_PROXY and -Proxy against loopback (item 1), and Start-Transcript with an echoing server (item 2).
/// </summary>
[Collection("Module")]
public class RealPwshTests(ModuleSession session, ITestOutputHelper log)
{
    static (int Exit, string Output) Pwsh(string script, IDictionary<string, string> environment)
    {
        var file = Path.Combine(Path.GetTempPath(), "ai-real-pwsh-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, script);
        try
        {
            Run("dotnet", "tool restore", new Dictionary<string, string>());
            return Run("dotnet", $"pwsh -NoProfile -NonInteractive -File \"{file}\"", environment);
        }
        finally { File.Delete(file); }
    }

    static (int Exit, string Output) Run(string exe, string arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(exe, arguments) { WorkingDirectory = ModuleSession.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var e in environment) start.Environment[e.Key] = e.Value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // nothing to answer a prompt with
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4))) { process.Kill(true); throw new TimeoutException("pwsh did not finish: " + output); }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    [Fact]
    public void Debug_under_NonInteractive_does_not_prompt_loopback_skips_every_proxy_and_a_transcript_holds_no_canary()
    {
        session.ResetSandbox();
        using var proxy = new HostileServer();
        using var echo = new HostileServer { Status = 401 };
        var password = "CANARYrealpw" + Guid.NewGuid().ToString("N")[..10] + "\"\\";
        var key = "CANARYrealkey" + Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateTempSubdirectory("ai-real-pwsh-").FullName;
        var transcript = Path.Combine(folder, "transcript.txt");
        string Q(string s) => "'" + s.Replace("'", "''") + "'";
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            $PSStyle.OutputRendering = 'PlainText'
            Import-Module ./out/Accounting.Integrations/Accounting.Integrations.psd1
            function Secure([string]$t) { $s = [securestring]::new(); foreach ($c in $t.ToCharArray()) { $s.AppendChar($c) }; $s }
            $cred = [pscredential]::new({{Q(session.Sandbox.Billbee.Admin.Username)}}, (Secure {{Q(session.Sandbox.Billbee.Admin.ApiPassword)}}))
            # -Debug alone: each of these writes Verbose (or a warning) and then Debug.
            Connect-Billbee -BaseUrl {{Q(session.Sandbox.ServiceUri("billbee").AbsoluteUri)}} -Credential $cred -ApiKey (Secure {{Q(session.Sandbox.Billbee.ApiKey)}}) -Debug
            $states = Get-BillbeeOrderState -Debug
            Test-BillbeeConnection -Debug | Out-Null
            Get-BillbeeOrder -First 2 -Debug | Out-Null
            Set-BillbeeOrderState -Id {{session.Sandbox.Billbee.Orders[3].BillbeeOrderId}} -State Shipped -WhatIf -Debug
            New-BillectaAuthorization -Credential ([pscredential]::new('api@x.se', (Secure 'pw-123456'))) -Debug | Test-BillectaAuthorization -Debug | Out-Null
            Get-IntegrationProfile -Debug | Out-Null
            # -Proxy given: a loopback call still goes direct.
            Connect-Billbee -BaseUrl {{Q(session.Sandbox.ServiceUri("billbee").AbsoluteUri)}} -Credential $cred -ApiKey (Secure {{Q(session.Sandbox.Billbee.ApiKey)}}) -Proxy {{Q(proxy.BaseUri.AbsoluteUri)}}
            Get-BillbeeOrderState | Out-Null
            # An echoing server under a transcript, -Debug and -Verbose: the transcript must hold no canary.
            Start-Transcript -Path {{Q(transcript)}} | Out-Null
            Connect-Billbee -BaseUrl {{Q(echo.BaseUri.AbsoluteUri)}} -Credential ([pscredential]::new('admin@shop.de', (Secure {{Q(password)}}))) -ApiKey (Secure {{Q(key)}}) -MaxAttempts 1
            Test-BillbeeConnection -Debug -Verbose | Format-List | Out-Host
            try { Get-BillbeeOrderState -Debug -Verbose } catch { $_ | Format-List * -Force | Out-Host }
            Stop-Transcript | Out-Null
            "DONE states=$($states.Count)"
            """;
        var environment = new Dictionary<string, string> { ["HTTP_PROXY"] = proxy.BaseUri.AbsoluteUri, ["HTTPS_PROXY"] = proxy.BaseUri.AbsoluteUri, ["NO_PROXY"] = "" };
        try
        {
            var (exit, output) = Pwsh(script, environment);
            log.WriteLine($"exit {exit}; proxy saw {proxy.Requests.Count} request(s); echo server saw {echo.Requests.Count}; output {output.Length:N0} chars");
            Assert.DoesNotContain("NonInteractive", output);
            Assert.True(exit == 0, output);
            Assert.Matches("DONE states=1[67]", output);
            Assert.Empty(proxy.Requests);
            Assert.NotEmpty(echo.Requests);
            var text = File.ReadAllText(transcript) + output;
            var forms = new[] { password, key }.SelectMany(s => new[]
            {
                s, Convert.ToBase64String(Encoding.UTF8.GetBytes(s)), Uri.EscapeDataString(s), System.Text.Json.JsonSerializer.Serialize(s).Trim('"'),
                Convert.ToHexString(Encoding.Unicode.GetBytes(s)), Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@shop.de:" + s)),
            }).ToList();
            var found = forms.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
            log.WriteLine($"transcript {new FileInfo(transcript).Length:N0} bytes, {forms.Count} forms: {found.Count} found");
            Assert.Empty(found);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
