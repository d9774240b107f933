using System.Diagnostics;
using Accounting.Integrations.Sandbox;

namespace Accounting.Integrations.Bench;

/// <summary>
/// The timeline of one bulk read as the sandbox saw it: each request's arrival (ms after the first), its time in the
/// sandbox, its query and status, and how many were in flight at once. Answers "is the second request really in flight?".
/// </summary>
public static class Probe
{
    public static async Task<int> RunAsync(string service, int latencyMs)
    {
        await using var sandbox = await SandboxServer.StartAsync(Measure.PagingOptions(latencyMs));
        await Measure.ReadAsync(sandbox, service, 1); // warm-up, as in the paging run
        await Measure.Drained(sandbox);
        var from = sandbox.State.Log.Total;
        var watch = Stopwatch.StartNew();
        var records = await Measure.ReadAsync(sandbox, service);
        var seconds = watch.Elapsed.TotalSeconds;
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
        Console.WriteLine($"{service}: {records} records, {log.Count} requests in {seconds:F2} s ({log.Count / seconds:F2}/s), at most {maxInFlight} overlapping (itself included)");
        return 0;
    }
}
