using System.Diagnostics;
using Accounting.Integrations.Sandbox;

namespace Accounting.Integrations.Bench;

/// <summary>
/// The timeline of one bulk read as the sandbox saw it: each request's arrival (ms after the first), its time in the
/// sandbox, its query and status, and how many were in flight at once. Answers "is the second request really in flight?".
/// </summary>
public static class Probe
{
    /// <summary><paramref name="number"/>: the latency in ms (100 when not given), or for the ledger the calls (5000 when not given).</summary>
    public static async Task<int> RunAsync(string service, int? number)
    {
        if (service == "ledger") return await LedgerAsync(number is int calls && calls > 0 ? calls : 5000);
        await using var sandbox = await SandboxServer.StartAsync(Measure.PagingOptions(number ?? 100));
        var (records, seconds, from) = await Measure.AfterWarmUpAsync(sandbox, max => Measure.ReadAsync(sandbox, service, max)); // as the paging run times it
        var ended = DateTimeOffset.UtcNow;
        var began = ended - TimeSpan.FromSeconds(seconds);
        var log = sandbox.State.Log.Snapshot(service).Where(e => e.Sequence > from).OrderBy(e => e.ReceivedAt).ToList();
        var t0 = log[0].ReceivedAt;
        var maxInFlight = 0;
        foreach (var e in log)
        {
            var start = (e.ReceivedAt - t0).TotalMilliseconds;
            var end = start + e.Milliseconds;
            var overlapping = log.Count(o => (o.ReceivedAt - t0).TotalMilliseconds < end && (o.ReceivedAt - t0).TotalMilliseconds + o.Milliseconds > start); // itself included
            maxInFlight = Math.Max(maxInFlight, overlapping);
            Console.WriteLine($"{start,8:F1} ms +{e.Milliseconds,7:F1} ms  {e.Status}  {overlapping} overlapping  {e.Method} {e.Path}{(e.Query.Length > 90 ? e.Query[..90] + "…" : e.Query)}");
        }
        var lastAnswer = log.Max(e => e.ReceivedAt.AddMilliseconds(e.Milliseconds));
        var gaps = log.Zip(log.Skip(1), (a, b) => (b.ReceivedAt - a.ReceivedAt).TotalMilliseconds).ToList();
        // Where the read's time goes besides the requests' own spacing: before the first one and after the last answer.
        Console.WriteLine($"first request {(t0 - began).TotalMilliseconds:F1} ms after the read began; the read ended {(ended - lastAnswer).TotalMilliseconds:F1} ms after the last answer; " +
            $"arrival gaps mean {(gaps.Count > 0 ? gaps.Average() : 0):F1} ms, median {(gaps.Count > 0 ? gaps.OrderBy(g => g).ElementAt(gaps.Count / 2) : 0):F1} ms");
        Console.WriteLine($"{service}: {records} records, {log.Count} requests in {seconds:F2} s ({log.Count / seconds:F2}/s), at most {maxInFlight} overlapping (itself included)");
        return 0;
    }

    /// <summary>
    /// What one reservation costs with a limit that cannot bind (Lime's raised 10 000 000 per 5 min): calls/s through the
    /// account's limiter alone, and through the limiter and the machine-wide ledger file, no network at all (`probe ledger N`).
    /// </summary>
    static async Task<int> LedgerAsync(int calls)
    {
        var rules = new[] { new Accounting.Integrations.Core.Throttling.RateRule("per-client", 10_000_000, TimeSpan.FromMinutes(5)) };
        var folder = Path.Combine(Path.GetTempPath(), "ledger-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var withLedger in new[] { false, true, false, true })
            {
                var throttle = new Accounting.Integrations.Core.Throttling.RequestThrottle(rules);
                if (withLedger) throttle.Machine = Accounting.Integrations.Core.Throttling.MachineBudget.ForAccount("probe|" + Guid.NewGuid(), folder);
                for (var i = 0; i < 50; i++) (await throttle.AcquireAsync("GET query", default)).Settle(0); // JIT, the file's creation
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    var permit = await throttle.AcquireAsync("GET query", default);
                    permit.Settle(permit.NowTicks);
                }
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                var size = throttle.Machine == null ? 0 : new FileInfo(throttle.Machine.FilePath).Length;
                var visits = throttle.Machine?.FileVisits ?? 0;
                Console.WriteLine($"{(withLedger ? "limiter + machine ledger" : "limiter alone"),-26} {calls} calls in {seconds:F3} s: {calls / seconds,10:N0} calls/s, {cpuMs * 1000 / calls:F1} µs CPU a call, ledger file {size:N0} bytes, {visits} visits of it");
            }
        }
        finally
        {
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
        return 0;
    }
}
