using System.Globalization;
using Accounting.Integrations.Bench;

// Usage: dotnet run -c Release --project bench/Accounting.Integrations.Bench -- [all|paging|throughput|parse|memory|import|startup|soak|micro|probe SERVICE LATENCY_MS|probe ledger CALLS|first-call|first-call-jit|first-call-ab MANIFEST [RUNS]] [--only billbee,tripletex,…] [--soak-runs N] [--soak-service NAME]
// "all" (the default) prints the README's Performance table. Child modes (memory-child, import-child) are internal.
var command = args.Length > 0 ? args[0] : "all";
var soakRuns = args.SkipWhile(a => a != "--soak-runs").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First();
var soakOnly = args.SkipWhile(a => a != "--soak-service").Skip(1).FirstOrDefault();
var invariant = CultureInfo.InvariantCulture;
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (only != null) Measure.Only = only.Split(',').Select(s => s.Trim().ToLowerInvariant()).ToHashSet();

switch (command)
{
    case "memory-child": return await Measure.MemoryChildAsync(args);
    case "import-child": return Measure.ImportChild(args[1]);
    case "first-call-child": return StartUp.FirstCallChild(args);
    case "plain-get-child": return await StartUp.PlainGetChildAsync(args);
    case "plain-cmdlet-child": return StartUp.PlainCmdletChild(args);
    case "probe": return await Probe.RunAsync(args.Length > 1 ? args[1] : "tripletex", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null);
    case "first-call-jit": return await StartUp.FirstCallJitAsync(args.Length > 1 ? args[1] : "first-call-child");
    case "micro":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<MicroBenchmarks>();
        return 0;
}

var rows = new List<string>();
void Row(params object[] cells) => rows.Add("| " + string.Join(" | ", cells.Select(c => Convert.ToString(c, invariant))) + " |");
var sections = new List<(string Title, string Header, List<string> Rows)>();
void Section(string title, string header) { rows = new List<string>(); sections.Add((title, header, rows)); }
Console.Error.WriteLine($"Accounting.Integrations bench: {command} ({Environment.ProcessorCount} cores, {RuntimeInformationText()})");

if (command is "all" or "paging")
{
    Section("Bulk paging with each service's throttle on and 100 ms latency (≥ 10 000 records), and the plain-HttpClient peer in the same run",
        "| service | client | records | requests | seconds | requests/s | documented limit | fraction of limit | 429s |\n|---|---|---|---|---|---|---|---|---|");
    foreach (var r in await Measure.PagingAsync()) Row(r.Service, r.Client, r.Records, r.Requests, r.Seconds.ToString("F1", invariant), r.RequestsPerSecond.ToString("F2", invariant),
        r.Limit, r.Fraction is double f ? f.ToString("F3", invariant) : "n/a", r.Throttled);
}
if (command is "all" or "throughput")
{
    Section("Records/s with no throttle and no latency", "| service | records | requests | seconds | records/s | note |\n|---|---|---|---|---|---|");
    foreach (var r in await Measure.ThroughputAsync()) Row(r.Service, r.Records, r.Requests, r.Seconds.ToString("F2", invariant), r.RecordsPerSecond.ToString("N0", invariant), r.Note);
}
if (command is "all" or "parse")
{
    Section("Parsing cost of each bulk read beside its fetch (µs per record, median of 7; fetch by a plain HttpClient from the sandbox, no latency)",
        "| read | records | pages | fetch µs | module parse µs (min–max) | System.Text.Json source-generated µs | module parse / fetch |\n|---|---|---|---|---|---|---|");
    foreach (var r in await Parsing.RunAsync(7)) Row(r.Service, r.Records, r.Pages, r.FetchMicros.ToString("F2", invariant),
        $"{r.ModuleMicros.ToString("F2", invariant)} ({r.ModuleMin.ToString("F2", invariant)}–{r.ModuleMax.ToString("F2", invariant)})", r.PeerMicros.ToString("F2", invariant),
        (r.ModuleMicros / r.FetchMicros).ToString("F2", invariant));
}
if (command is "all" or "memory")
{
    Section("Peak memory streaming Billbee orders (separate process per run)", "| records | peak working set MB | peak managed heap MB | seconds |\n|---|---|---|---|");
    var memory = await Measure.MemoryAsync();
    foreach (var m in memory) Row(m.Records, m.PeakWorkingSetMb.ToString("F1", invariant), m.PeakManagedMb.ToString("F1", invariant), m.Seconds.ToString("F1", invariant));
    Row("ratio 10×/1×", (memory[1].PeakWorkingSetMb / memory[0].PeakWorkingSetMb).ToString("F2", invariant), (memory[1].PeakManagedMb / memory[0].PeakManagedMb).ToString("F2", invariant), "");
}
if (command is "all" or "import")
{
    Section("Cold Import-Module in the hosted PowerShell 7.6 engine (fresh process each, median of 5)", "| measure | median ms | runs ms |\n|---|---|---|");
    var (open, import) = Measure.Import(5);
    Row("empty runspace open (CreateDefault2)", Median(open), string.Join(", ", open));
    Row("Import-Module of the built manifest", MedianOf(import), string.Join(", ", import.Select(v => v.ToString("F1", invariant))));
}
if (command == "first-call-ab")
{
    Section("This build's first call against another build's (median, min–max, ms)", "| measure | this build | other build | ratio of medians |\n|---|---|---|---|");
    var (wall, cpu, jit) = await StartUp.FirstCallAgainstAsync(args[1], args.Length > 2 ? int.Parse(args[2], invariant) : 11);
    foreach (var p in new[] { wall, cpu, jit })
        Row(p.What, $"{MedianOf(p.Module):F1} ({p.Module.Min():F1}–{p.Module.Max():F1})", $"{MedianOf(p.Baseline):F1} ({p.Baseline.Min():F1}–{p.Baseline.Max():F1})",
            (MedianOf(p.Module) / MedianOf(p.Baseline)).ToString("F2", invariant));
}
if (command is "all" or "startup" or "first-call")
{
    Section("Start-up, fresh process each, alternated with its baseline (median, min–max of 7 pairs, ms)",
        "| measure | module median (min–max) | baseline median (min–max) | ratio of medians |\n|---|---|---|---|");
    var pairs = command == "first-call" ? new List<StartUp.Pair>() : new List<StartUp.Pair> { StartUp.Import(7) };
    pairs.Add(await StartUp.FirstCallAsync(7));
    pairs.Add(await StartUp.FirstCallInEngineAsync(7));
    foreach (var p in pairs)
        Row(p.What, $"{MedianOf(p.Module):F1} ({p.Module.Min():F1}–{p.Module.Max():F1})", $"{MedianOf(p.Baseline):F1} ({p.Baseline.Min():F1}–{p.Baseline.Max():F1})",
            (MedianOf(p.Module) / MedianOf(p.Baseline)).ToString("F2", invariant));
}
if (command is "all" or "soak")
{
    Section($"Soak: {soakRuns} bulk runs per service, 10 % faults of every kind (429, 500, 503, reset, truncated, malformed, slow)",
        "| service | runs | records | lost | duplicated | failed runs | unhandled |\n|---|---|---|---|---|---|---|");
    foreach (var s in await Soak.RunAsync(soakRuns, 0.10, log: Console.Error.WriteLine, only: soakOnly))
        Row(s.Service, s.Runs, s.Records, s.Lost, s.Duplicated, s.FailedRuns, s.Unhandled);
}

Console.WriteLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformationText()}, with `dotnet run -c Release --project bench/Accounting.Integrations.Bench -- {command}`.");
foreach (var (title, header, lines) in sections)
{
    Console.WriteLine();
    Console.WriteLine("**" + title + "**");
    Console.WriteLine();
    Console.WriteLine(header);
    foreach (var line in lines) Console.WriteLine(line);
}
return 0;

static long Median(List<long> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
static double MedianOf(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " on " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
