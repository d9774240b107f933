using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Billbee;

/// <summary>
/// Issue 15 item 6 in real pwsh (dotnet pwsh, the repo's tool manifest) against the standalone sandbox exe:
/// `Get-BillbeeOrder -Checkpoint … | Select-Object BillbeeOrderId | Export-Csv -Append`, SIGKILLed 20 times at
/// seeded random points, then a complete run. Export-Csv buffers, so a checkpoint that advanced as orders left the
/// cmdlet lost the ones still in its buffer (1 240 of 12 000 over 10 kills). Orders: KILL_TEST_ORDERS (default 3000).
/// </summary>
public class CheckpointKillTests(ITestOutputHelper output)
{
    const int Kills = 20;
    const int Batch = 100;

    // The documented nightly loop: batches of -First $Batch, each committed when its pipeline (and Export-Csv) has ended.
    const string Script = """
        $ErrorActionPreference = 'Stop'
        Import-Module $env:KILL_MODULE
        $a = Get-Content $env:KILL_ACCOUNTS -Raw | ConvertFrom-Json
        $cred = [pscredential]::new($a.billbee.username, (ConvertTo-SecureString $a.billbee.apiPassword -AsPlainText -Force))
        Connect-Billbee -BaseUrl ($env:KILL_SANDBOX + $a.billbee.baseUrl) -Credential $cred -ApiKey (ConvertTo-SecureString $a.billbee.apiKey -AsPlainText -Force) -NoRateLimit
        if ($env:KILL_MODE -eq 'final') {
            Get-BillbeeOrder -Checkpoint kill | Select-Object BillbeeOrderId | Export-Csv -Path $env:KILL_CSV -Append
            exit 0
        }
        while ($true) {
            $n = 0
            Get-BillbeeOrder -Checkpoint kill -First ([int]$env:KILL_BATCH) | ForEach-Object { $n++; $_ } | Select-Object BillbeeOrderId | Export-Csv -Path $env:KILL_CSV -Append
            if ($n -lt [int]$env:KILL_BATCH) { break }
        }
        """;

    [Fact]
    public async Task Twenty_SIGKILLs_of_a_checkpointed_read_into_Export_Csv_lose_no_order_and_repeat_at_most_one_batch_each()
    {
        var orders = int.TryParse(Environment.GetEnvironmentVariable("KILL_TEST_ORDERS"), out var n) && n > 0 ? n : 3000;
        var work = Directory.CreateTempSubdirectory("ai-kill-").FullName;
        using var sandbox = StartSandbox(orders, out var baseUrl);
        try
        {
            using (var http = new HttpClient())
                await File.WriteAllTextAsync(Path.Combine(work, "accounts.json"), await http.GetStringAsync(baseUrl + "_sandbox/accounts"));
            var scriptPath = Path.Combine(work, "read.ps1");
            await File.WriteAllTextAsync(scriptPath, Script);
            var csv = Path.Combine(work, "orders.csv");
            var random = new Random(15_06);
            int killed = 0, completed = 0;
            var watch = Stopwatch.StartNew();
            var pwshDll = PwshDll();
            while (killed < Kills)
            {
                // Kill points in terms of progress, not time: once the CSV has grown by a seeded random number of bytes
                // (Export-Csv flushes its buffer every 4 KB, so this lands anywhere in a batch, or between batches).
                var target = (File.Exists(csv) ? new FileInfo(csv).Length : 0) + random.Next(1, 2_500);
                using var pwsh = StartPwsh(pwshDll, scriptPath, work, baseUrl, csv, "batches");
                while (!pwsh.HasExited && (File.Exists(csv) ? new FileInfo(csv).Length : 0) < target) await Task.Delay(5);
                if (!pwsh.HasExited)
                {
                    pwsh.Kill(entireProcessTree: true); // SIGKILL: no finally, no Dispose, no flush
                    await pwsh.WaitForExitAsync();
                    killed++;
                }
                else if (++completed > 2) break; // the data ran out before 20 kills: do not loop for ever
            }
            using (var final = StartPwsh(pwshDll, scriptPath, work, baseUrl, csv, "final"))
            {
                Assert.True(final.WaitForExit(TimeSpan.FromMinutes(3)), "the final run did not end");
                Assert.True(final.ExitCode == 0, "final run: " + await final.StandardError.ReadToEndAsync());
            }

            // A kill can cut a line in half; the half is not a whole id, and its order comes again (it was not committed).
            var ids = Regex.Matches(await File.ReadAllTextAsync(csv), @"(?<!\d)\d{15}(?!\d)").Select(m => long.Parse(m.Value)).ToList();
            var distinct = ids.ToHashSet();
            var duplicates = ids.Count - distinct.Count;
            var expected = await ExpectedIds(baseUrl, work);
            output.WriteLine($"{orders} orders, {killed} SIGKILLs, {completed} runs completed before a kill, {ids.Count} lines, {distinct.Count} distinct, {duplicates} duplicates ({watch.Elapsed.TotalSeconds:F0} s)");
            Assert.Equal(Kills, killed);
            Assert.Empty(expected.Except(distinct)); // 0 lost
            Assert.Empty(distinct.Except(expected));
            Assert.True(duplicates <= killed * Batch, $"{duplicates} duplicates, more than one batch ({Batch}) per kill");
            Assert.True(ids.GroupBy(i => i).Max(g => g.Count()) <= 1 + killed);
        }
        finally
        {
            try { sandbox.Kill(true); } catch (InvalidOperationException) { }
            Directory.Delete(work, true);
        }
    }

    static Process StartSandbox(int orders, out string baseUrl)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Accounting.Integrations.Sandbox.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--no-throttle", "--seed", "1506", "--billbee-orders", orders.ToString() }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the sandbox wrote nothing: " + process.StandardError.ReadToEnd());
        baseUrl = Regex.Match(first, @"http://127\.0\.0\.1:\d+/").Value;
        Assert.False(string.IsNullOrEmpty(baseUrl), first);
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    /// <summary>
    /// The pwsh of the repo's tool manifest (dotnet tool restore), asked once where it lives: `dotnet pwsh` starts three
    /// processes (host, tool shim, pwsh) and each run here starts only the last, the same pwsh 7.6.9.
    /// </summary>
    static string PwshDll()
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = ModuleSession.RepoRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "Join-Path $PSHOME pwsh.dll; $PSVersionTable.PSVersion.ToString()" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        p.WaitForExit();
        Assert.True(p.ExitCode == 0 && lines.Length == 2, "dotnet pwsh did not start; run dotnet tool restore. " + p.StandardError.ReadToEnd());
        Assert.StartsWith("7.6", lines[1]);
        return lines[0];
    }

    static Process StartPwsh(string pwshDll, string script, string work, string baseUrl, string csv, string mode)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = ModuleSession.RepoRoot, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { pwshDll, "-NoProfile", "-NonInteractive", "-File", script }) info.ArgumentList.Add(a);
        info.Environment["ACCOUNTING_INTEGRATIONS_CONFIG"] = Path.Combine(work, "config");
        // KILL_TEST_MODULE: another build of the module (e.g. one from before the fix) to show what it loses.
        info.Environment["KILL_MODULE"] = Environment.GetEnvironmentVariable("KILL_TEST_MODULE") ?? ModuleSession.ModuleManifest;
        info.Environment["KILL_ACCOUNTS"] = Path.Combine(work, "accounts.json");
        info.Environment["KILL_SANDBOX"] = baseUrl;
        info.Environment["KILL_CSV"] = csv;
        info.Environment["KILL_BATCH"] = Batch.ToString();
        info.Environment["KILL_MODE"] = mode;
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    /// <summary>Every order id the sandbox holds, read straight from its wire API (not through the module).</summary>
    static async Task<HashSet<long>> ExpectedIds(string baseUrl, string work)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "accounts.json")));
        var b = doc.RootElement.GetProperty("billbee");
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + b.GetProperty("baseUrl").GetString()) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(b.GetProperty("username").GetString() + ":" + b.GetProperty("apiPassword").GetString())));
        http.DefaultRequestHeaders.Add("X-Billbee-Api-Key", b.GetProperty("apiKey").GetString());
        var ids = new HashSet<long>();
        for (var page = 1; ; page++)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync($"orders?page={page}&pageSize=250"));
            var data = json.RootElement.GetProperty("Data");
            foreach (var o in data.EnumerateArray())
                ids.Add(o.EnumerateObject().First(p => p.Name.Equals("BillbeeOrderId", StringComparison.OrdinalIgnoreCase)).Value.GetInt64());
            if (data.GetArrayLength() < 250) return ids;
        }
    }
}
