using System.Diagnostics;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Module;

/// <summary>The console host's exit codes, as about_IntegrationUnattended documents them for scheduled tasks.</summary>
public class HostExitCodeTests
{
    static int RunHost(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), "ai-exit-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, script);
        try
        {
            var host = Path.Combine(ModuleSession.RepoRoot, "src", "Accounting.Integrations.Host", "bin", "Debug", "net10.0", "Accounting.Integrations.Host.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { host, "-NonInteractive", "-File", file }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("'fine'", 0)]
    [InlineData("Get-Command No-SuchCommand # a non-terminating error", 1)]
    [InlineData("throw 'terminating'", 3)]
    [InlineData("Get-Command No-SuchCommand\nexit 0", 0)]
    [InlineData("exit 7", 7)]
    public void A_script_run_with_File_exits_with_the_documented_code(string script, int expected) =>
        Assert.Equal(expected, RunHost(script));
}
