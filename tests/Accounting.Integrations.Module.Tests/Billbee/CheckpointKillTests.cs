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
/// cmdlet lost the ones still in its buffer (1 240 of 12 000 over 10 kills). Orders: KILL_TEST_ORDERS (default 12 000, as in the issue).
/// </summary>
public class CheckpointKillTests(ITestOutputHelper output)
{
    const int Kills = 20;
    const int Batch = 500;

    // The documented nightly loop: batches of -First $Batch, each committed when its pipeline (and Export-Csv) has ended.
    const string Script = """
        $ErrorActionPreference = 'Stop'
        Import-Module $env:KILL_MODULE
        $a = Get-Content $env:KILL_ACCOUNTS -Raw | ConvertFrom-Json
        $cred = [pscredential]::new($a.billbee.username, (ConvertTo-SecureString $a.billbee.apiPassword -AsPlainText -Force))
        Connect-Billbee -BaseUrl ($env:KILL_SANDBOX + $a.billbee.baseUrl) -Credential $cred -ApiKey (ConvertTo-SecureString $a.billbee.apiKey -AsPlainText -Force) -NoRateLimit
        if ($env:KILL_MODE -eq 'final') {
            Get-BillbeeOrder -Checkpoint $env:KILL_CHECKPOINT | Select-Object BillbeeOrderId | Export-Csv -Path $env:KILL_CSV -Append
            exit 0
        }
        while ($true) {
            $n = 0
            Get-BillbeeOrder -Checkpoint $env:KILL_CHECKPOINT -First ([int]$env:KILL_BATCH) | ForEach-Object { $n++; $_ } | Select-Object BillbeeOrderId | Export-Csv -Path $env:KILL_CSV -Append
            if ($n -lt [int]$env:KILL_BATCH) { break }
        }
        """;

    [Fact]
    public async Task Twenty_SIGKILLs_of_a_checkpointed_read_into_Export_Csv_lose_no_order_and_repeat_at_most_one_batch_each()
    {
        var orders = int.TryParse(Environment.GetEnvironmentVariable("KILL_TEST_ORDERS"), out var n) && n > 0 ? n : 12_000;
        var work = Directory.CreateTempSubdirectory("ai-kill-").FullName;
        using var sandbox = StartSandbox(orders, out var baseUrl);
        try
        {
            using (var http = new HttpClient())
                await File.WriteAllTextAsync(Path.Combine(work, "accounts.json"), await http.GetStringAsync(baseUrl + "_sandbox/accounts"));
            var scriptPath = Path.Combine(work, "read.ps1");
            await File.WriteAllTextAsync(scriptPath, Script);
            var random = new Random(15_06);
            var pwshDll = PwshDll();
            var expected = await ExpectedIds(baseUrl, work);
            var watch = Stopwatch.StartNew();
            // Rounds: when a read gets to the end before the kills are done (a fast machine), that round is completed and
            // checked, and the next round reads again under a new checkpoint into a new CSV. Speed changes the number of
            // rounds, never what is asserted.
            var killed = 0;
            var rounds = new List<(int Kills, List<long> Ids)>();
            var roundKills = 0;
            string Csv() => Path.Combine(work, $"orders-{rounds.Count}.csv");
            long Length() => File.Exists(Csv()) ? new FileInfo(Csv()).Length : 0;
            async Task FinishRound()
            {
                using (var final = StartPwsh(pwshDll, scriptPath, work, baseUrl, Csv(), "final", rounds.Count))
                {
                    Assert.True(await Task.Run(() => final.WaitForExit(TimeSpan.FromMinutes(3))), "the final run did not end");
                    Assert.True(final.ExitCode == 0, "final run: " + await final.StandardError.ReadToEndAsync());
                }
                // A kill can cut a line in half; the half is not a whole id, and its order comes again (it was not committed).
                var ids = Regex.Matches(await File.ReadAllTextAsync(Csv()), @"(?<!\d)\d{15}(?!\d)").Select(m => long.Parse(m.Value)).ToList();
                rounds.Add((roundKills, ids));
                roundKills = 0;
            }
            while (killed < Kills)
            {
                var start = Length();
                using var pwsh = StartPwsh(pwshDll, scriptPath, work, baseUrl, Csv(), "batches", rounds.Count);
                // Once this run has written (Export-Csv flushed at least once), kill it a seeded random time later:
                // anywhere in a batch, while Export-Csv holds orders in its buffer.
                while (!pwsh.HasExited && Length() == start) await Task.Delay(5);
                var delay = random.Next(0, 1000);
                if (!await Task.Run(() => pwsh.WaitForExit(delay)))
                {
                    pwsh.Kill(entireProcessTree: true); // SIGKILL: no finally, no Dispose, no flush
                    await pwsh.WaitForExitAsync();
                    killed++;
                    roundKills++;
                }
                else await FinishRound(); // it read to the end by itself
            }
            await FinishRound();

            var lost = rounds.Sum(r => expected.Except(r.Ids).Count());
            var duplicates = rounds.Sum(r => r.Ids.Count - r.Ids.Distinct().Count());
            output.WriteLine($"{orders} orders, {killed} SIGKILLs over {rounds.Count} round(s), {rounds.Sum(r => r.Ids.Count)} lines, {lost} lost, {duplicates} duplicates " +
                $"(window {Batch} per kill; per round: {string.Join(", ", rounds.Select(r => $"{r.Kills} kills/{r.Ids.Count - r.Ids.Distinct().Count()} dup"))}) in {watch.Elapsed.TotalSeconds:F0} s");
            Assert.Equal(Kills, killed);
            Assert.Equal(0, lost);
            foreach (var (kills, ids) in rounds)
            {
                Assert.Empty(ids.Distinct().Except(expected));
                Assert.True(ids.Count - ids.Distinct().Count() <= kills * Batch, $"{ids.Count - ids.Distinct().Count()} duplicates after {kills} kills: more than one batch ({Batch}) per kill");
            }
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

    static Process StartPwsh(string pwshDll, string script, string work, string baseUrl, string csv, string mode, int round)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = ModuleSession.RepoRoot, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { pwshDll, "-NoProfile", "-NonInteractive", "-File", script }) info.ArgumentList.Add(a);
        info.Environment["ACCOUNTING_INTEGRATIONS_CONFIG"] = Path.Combine(work, "config");
        info.Environment["KILL_MODULE"] = ModuleSession.ModuleManifest; // AI_TEST_MODULE_FOLDER: another build, e.g. from before the fix

        info.Environment["KILL_ACCOUNTS"] = Path.Combine(work, "accounts.json");
        info.Environment["KILL_SANDBOX"] = baseUrl;
        info.Environment["KILL_CSV"] = csv;
        info.Environment["KILL_BATCH"] = Batch.ToString();
        info.Environment["KILL_MODE"] = mode;
        info.Environment["KILL_CHECKPOINT"] = "kill-" + round;
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
