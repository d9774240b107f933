using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Bench;

public sealed record PagingResult(string Service, string Client, long Records, int Requests, double Seconds, double RequestsPerSecond, string Limit, double? Fraction, int Throttled);
public sealed record ThroughputResult(string Service, long Records, int Requests, double Seconds, double RecordsPerSecond, string Note);
public sealed record MemoryResult(long Records, double PeakWorkingSetMb, double PeakManagedMb, double Seconds);

/// <summary>The whole-process measurements: each against a sandbox started for it, figures from the sandbox's own request log.</summary>
public static class Measure
{
    internal static SandboxOptions Large(bool throttle, int latencyMs) => new()
    {
        Port = 0, Seed = 42, Throttle = throttle, Latency = TimeSpan.FromMilliseconds(latencyMs), RequestLogCapacity = 1_000_000,
        Billbee = { OrderCount = 12_000 }, Tripletex = { CustomerCount = 10_000 },
        IFirmaInvoiceCount = 10_000, LimeLogCount = 10_000, BillectaInvoiceCount = 23_400,
    };

    internal static SandboxOptions PagingOptions(int latencyMs)
    {
        var options = Large(throttle: true, latencyMs: latencyMs);
        // 1000 a page: 10 000 customers are ten requests, too few for a steady rate (the first page alone, the
        // start-up of each read); 100 000 make 100 requests. Its limit is a budget per period (600/min, ASSUMPTION).
        options.Tripletex.CustomerCount = 100_000;
        return options;
    }

    /// <summary>The documented limits the fractions are taken of (per second).</summary>
    static readonly Dictionary<string, (double PerSecond, string Text)> Limits = new()
    {
        ["Billbee"] = (2.0, "2/s per endpoint"),
        ["Tripletex"] = (10.0, "600/min (ASSUMPTION, unpublished)"),
        ["iFirma"] = (100.0 / 60, "100/min"),
        ["Lime"] = (10.0, "3000/5 min"),
        ["Billecta"] = (0, "none documented"),
    };

    static (int Requests, int Throttled) Count(SandboxServer sandbox, string service, long fromSequence)
    {
        var log = sandbox.State.Log.Snapshot(service).Where(e => e.Sequence > fromSequence).ToList();
        return (log.Count, log.Count(e => e.Status == 429));
    }

    /// <summary>Waits for the warm-up's abandoned requests (a discarded guess) to be logged, so they do not count in the figure.</summary>
    internal static async Task Drained(SandboxServer sandbox)
    {
        while (sandbox.State.InFlight > 0) await Task.Delay(10);
    }

    /// <summary>Which services to run (--only billbee,lime), all when not given.</summary>
    public static HashSet<string>? Only { get; set; }

    static bool Wanted(string service) => Only == null || Only.Contains(service.ToLowerInvariant());

    static long LastSequence(SandboxServer sandbox) => sandbox.State.Log.Snapshot().Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>How long the warm-up's calls are given to leave every documented window (see <see cref="Time"/>).</summary>
    internal static readonly TimeSpan WarmUpBudgetClears = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Times one read after a warm-up of the same read cut after its first page (JIT, connections, the sandbox's
    /// own first call of the route), done for the module and its peer alike, so neither pays start-up inside the figure.
    /// </summary>
    static async Task<PagingResult> Time(SandboxServer sandbox, string service, string client, Func<long, Task<long>> read)
    {
        var (records, seconds, from) = await AfterWarmUpAsync(sandbox, read);
        var (requests, throttled) = Count(sandbox, service.ToLowerInvariant(), from);
        var limit = Limits[service];
        var rate = requests / seconds;
        Console.Error.WriteLine($"paging {service} ({client}): {records} records, {requests} requests in {seconds:F1} s, {throttled}×429");
        return new PagingResult(service, client, records, requests, seconds, rate, limit.Text, limit.PerSecond > 0 ? rate / limit.PerSecond : null, throttled);
    }

    /// <summary>
    /// One whole read timed after a warm-up of it cut after its first page: its records, seconds, and the last request
    /// log sequence before it (the paging run and the probe's timeline alike).
    /// </summary>
    internal static async Task<(long Records, double Seconds, long From)> AfterWarmUpAsync(SandboxServer sandbox, Func<long, Task<long>> read)
    {
        await read(1);
        await Drained(sandbox);
        // The warm-up's calls count against the account's limit (the server's window and the client's limiter alike):
        // timed at once, the read's first calls waited for the warm-up's budget (Billbee's first request went 0.76 s
        // after the read began, 3 % of its figure). Every documented window that can bind a warm-up of a page or two
        // (Billbee's 2/s; the others' spacing of at most 0.62 s) is clear after this, for module and peer alike.
        await Task.Delay(WarmUpBudgetClears);
        var from = LastSequence(sandbox);
        var watch = Stopwatch.StartNew();
        var records = await read(long.MaxValue);
        return (records, watch.Elapsed.TotalSeconds, from);
    }

    public static async Task<IReadOnlyList<PagingResult>> PagingAsync()
    {
        await using var sandbox = await SandboxServer.StartAsync(PagingOptions(100));
        var results = new List<PagingResult>();
        async Task Add(string service, string client, Func<long, Task<long>> read)
        {
            if (Wanted(service)) results.Add(await Time(sandbox, service, client, read));
        }
        await Add("Billbee", "module", max => BillbeeAsync(sandbox, throttle: true, max));
        await Add("Billbee", "plain HttpClient loop", max => Peers.BillbeeAsync(sandbox, max));
        await Add("Tripletex", "module", max => TripletexAsync(sandbox, max));
        await Add("Tripletex", "plain HttpClient loop", max => Peers.TripletexAsync(sandbox, max));
        await Add("iFirma", "module", max => IFirmaAsync(sandbox, paced: true, max));
        await Add("Lime", "module", max => LimeAsync(sandbox, 3000, max));
        await Add("Lime", "plain HttpClient loop", max => Peers.LimeAsync(sandbox, max));
        await Add("Billecta", "module", max => BillectaAsync(sandbox, max));
        return results;
    }

    /// <summary>How many timed rounds the throughput part runs (module and peer alternate within each round).</summary>
    public const int ThroughputRuns = 7;

    public static async Task<IReadOnlyList<ThroughputResult>> ThroughputAsync()
    {
        var options = Large(throttle: false, latencyMs: 0);
        options.Tripletex.RateLimit = 10_000_000; // its X-Rate-Limit headers would otherwise pace the client
        await using var sandbox = await SandboxServer.StartAsync(options);
        var results = new List<ThroughputResult>();
        const string Peer = "plain HttpClient + System.Text.Json loop"; // source-generated, into the fields the module reads

        // One timed read: records, the requests the sandbox logged for it, seconds.
        async Task<(long Records, int Requests, double Seconds)> Once(string service, Func<long, Task<long>> read)
        {
            await Drained(sandbox);
            var from = LastSequence(sandbox);
            var watch = Stopwatch.StartNew();
            var records = await read(long.MaxValue);
            var seconds = watch.Elapsed.TotalSeconds;
            return (records, Count(sandbox, service.ToLowerInvariant(), from).Requests, seconds);
        }

        // The module's read and its peer's (if any) in the same rounds, alternating which goes first, so a burst of load
        // on the shared machine falls on both; each figure is the median of its rounds, the ratio the median of the rounds' ratios.
        async Task Add(string service, Func<long, Task<long>> module, string note, Func<long, Task<long>>? peer = null, string? peerNote = null)
        {
            if (!Wanted(service)) return;
            // A whole read first, for module and peer alike: a read of under a second otherwise runs the module's
            // code (not ReadyToRun) mostly unoptimised (tier 0) beside the framework's precompiled code.
            await module(long.MaxValue);
            if (peer != null) await peer(long.MaxValue);
            var mine = new List<(long Records, int Requests, double Seconds)>();
            var theirs = new List<(long Records, int Requests, double Seconds)>();
            for (var run = 0; run < ThroughputRuns; run++)
            {
                if (peer != null && run % 2 == 1) theirs.Add(await Once(service, peer));
                mine.Add(await Once(service, module));
                if (peer != null && run % 2 == 0) theirs.Add(await Once(service, peer));
            }
            var m = MedianRun(mine);
            if (peer == null)
            {
                Console.Error.WriteLine($"throughput {service}: {m.Records} records, {m.Requests} requests, median {m.Seconds:F3} s of {ThroughputRuns}");
                results.Add(new ThroughputResult(service, m.Records, m.Requests, m.Seconds, m.Records / m.Seconds, note));
                return;
            }
            var p = MedianRun(theirs);
            var ratios = mine.Zip(theirs, (a, b) => (a.Records / a.Seconds) / (b.Records / b.Seconds)).OrderBy(r => r).ToList();
            var ratio = ratios[ratios.Count / 2];
            Console.Error.WriteLine($"throughput {service}: module {m.Records / m.Seconds:N0}/s, peer {p.Records / p.Seconds:N0}/s, ratio {ratio:F2} ({ratios[0]:F2}-{ratios[^1]:F2}) over {ThroughputRuns} rounds");
            results.Add(new ThroughputResult(service, m.Records, m.Requests, m.Seconds, m.Records / m.Seconds,
                $"{note}; {ratio.ToString("F2", CultureInfo.InvariantCulture)}× the loop (median of {ThroughputRuns} rounds, {ratios[0].ToString("F2", CultureInfo.InvariantCulture)}–{ratios[^1].ToString("F2", CultureInfo.InvariantCulture)})"));
            results.Add(new ThroughputResult(service + " (" + Peer + ")", p.Records, p.Requests, p.Seconds, p.Records / p.Seconds, peerNote!));
        }

        static (long Records, int Requests, double Seconds) MedianRun(List<(long Records, int Requests, double Seconds)> runs) =>
            runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);

        await Add("Billbee", max => BillbeeAsync(sandbox, throttle: false, max), "client limiter off (-NoRateLimit)",
            max => Peers.BillbeeAsync(sandbox, max), "page by page, into the same fields");
        await Add("Tripletex", max => TripletexAsync(sandbox, max), "two pages in flight",
            max => Peers.TripletexAsync(sandbox, max), "the module's fields, one page in flight");
        await Add("iFirma", max => IFirmaAsync(sandbox, paced: false, max), "client limiter off (-NoRateLimit)");
        await Add("Lime", max => LimeAsync(sandbox, 10_000_000, max), "on-premise limit raised; three monitors at once",
            max => Peers.LimeAsync(sandbox, max), "the same keyset reads, one monitor after another");
        await Add("Billecta", max => BillectaAsync(sandbox, max), "one plain-array answer");
        return results;
    }

    /// <summary>One module read by service name, paced as in the paging run (the probe's timeline).</summary>
    internal static Task<long> ReadAsync(SandboxServer sandbox, string service, long max = long.MaxValue) => service.ToLowerInvariant() switch
    {
        "billbee" => BillbeeAsync(sandbox, throttle: true, max),
        "tripletex" => TripletexAsync(sandbox, max),
        "ifirma" => IFirmaAsync(sandbox, paced: true, max),
        "lime" => LimeAsync(sandbox, 3000, max),
        "billecta" => BillectaAsync(sandbox, max),
        _ => throw new ArgumentException("billbee, tripletex, ifirma, lime or billecta", nameof(service)),
    };

    static async Task<long> BillbeeAsync(SandboxServer sandbox, bool throttle, long max = long.MaxValue)
    {
        using var c = new BillbeeConnection(sandbox.ServiceUri("billbee"), sandbox.Billbee.Admin.Username, Secret.FromPlainText(sandbox.Billbee.Admin.ApiPassword),
            Secret.FromPlainText(sandbox.Billbee.ApiKey), null, throttle);
        long n = 0;
        await foreach (var _ in c.Client.GetOrdersAsync(new BillbeeOrderQuery(), default)) if (++n >= max) break;
        return n;
    }

    static async Task<long> TripletexAsync(SandboxServer sandbox, long max = long.MaxValue)
    {
        using var c = new TripletexConnection(TripletexEnvironment.Test, Secret.FromPlainText(sandbox.Tripletex.ConsumerToken), Secret.FromPlainText(sandbox.Tripletex.AdminEmployeeToken),
            sandbox.ServiceUri("tripletex"), "0", 2, null);
        long n = 0;
        foreach (var inactive in new[] { false, true })
            await foreach (var _ in c.Client.GetCustomersAsync(inactive, default)) if (++n >= max) return n;
        return n;
    }

    static async Task<long> IFirmaAsync(SandboxServer sandbox, bool paced, long max = long.MaxValue)
    {
        sandbox.IFirma.LimitGranted = 1_000_000; // the monthly limit is not what is measured
        using var c = new IFirmaConnection(sandbox.IFirma.Login, sandbox.IFirma.Keys.ToDictionary(k => k.Key, k => Secret.FromPlainText(k.Value)), sandbox.ServiceUri("ifirma"),
            new Accounting.Integrations.Core.Http.TransportOptions { ClientPacing = paced });
        long n = 0;
        await foreach (var _ in c.Client.GetInvoicesAsync(DateTime.Today.AddDays(-400), DateTime.Today.AddDays(1), default)) if (++n >= max) break;
        return n;
    }

    static async Task<long> LimeAsync(SandboxServer sandbox, int perFiveMinutes, long max = long.MaxValue)
    {
        sandbox.Lime.RequestsPerFiveMinutes = Math.Max(3000, perFiveMinutes);
        using var c = new LimeConnection(sandbox.ServiceUri("lime"), Secret.FromPlainText(sandbox.Lime.ApiKey), perFiveMinutes, null);
        long n = 0;
        // As Remove-IntegrationMonitorLog reads them: the three monitors' logs at once, a page of each in turn.
        await foreach (var _ in c.Client.GetLogsBeforeAsync(sandbox.Lime.Monitors.Select(m => m.Id).ToList(), DateTimeOffset.Now.AddDays(1), default)) if (++n >= max) break;
        return n;
    }

    static async Task<long> BillectaAsync(SandboxServer sandbox, long max = long.MaxValue)
    {
        using var c = new BillectaConnection(BillectaEnvironment.Production, Secret.FromPlainText(BillectaAuthorization.Basic(sandbox.Billecta.Production.Username, sandbox.Billecta.Production.Password)),
            new Uri(sandbox.BaseUri, sandbox.Billecta.BasePath), null, null);
        return (await c.Client.GetOpenInvoicesAsync((string)sandbox.Billecta.Creditors[0]["CreditorPublicId"]!, default)).Count;
    }

    // ---- memory: the client in a process of its own, so the sandbox's data does not count ----

    public static async Task<IReadOnlyList<MemoryResult>> MemoryAsync()
    {
        var options = new SandboxOptions { Port = 0, Seed = 42, Throttle = false, Billbee = { OrderCount = 120_000 }, RequestLogCapacity = 10 };
        await using var sandbox = await SandboxServer.StartAsync(options);
        var results = new List<MemoryResult>();
        foreach (var count in new[] { 12_000, 120_000 })
        {
            var output = RunChild("memory-child", sandbox.ServiceUri("billbee").AbsoluteUri, sandbox.Billbee.Admin.Username, sandbox.Billbee.Admin.ApiPassword, sandbox.Billbee.ApiKey,
                count.ToString(CultureInfo.InvariantCulture));
            var parts = output.Trim().Split(' ');
            results.Add(new MemoryResult(long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture)));
            Console.Error.WriteLine($"memory {count}: {output.Trim()}");
        }
        return results;
    }

    /// <summary>Child: streams N orders with the core client and prints "records peakWorkingSetMB peakManagedMB seconds".</summary>
    public static async Task<int> MemoryChildAsync(string[] args)
    {
        var count = int.Parse(args[5], CultureInfo.InvariantCulture);
        using var c = new BillbeeConnection(new Uri(args[1]), args[2], Secret.FromPlainText(args[3]), Secret.FromPlainText(args[4]), null, throttle: false);
        long peakManaged = 0, n = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var _ in c.Client.GetOrdersAsync(new BillbeeOrderQuery(), default))
        {
            if (++n % 500 == 0) peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            if (n >= count) break;
        }
        peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1:F1} {2:F1} {3:F2}", n, self.PeakWorkingSet64 / 1048576.0, peakManaged / 1048576.0, watch.Elapsed.TotalSeconds));
        return 0;
    }

    // ---- import: a fresh process per measurement, so nothing is warm ----

    public static (List<long> Open, List<double> Import) Import(int runs)
    {
        var manifest = Path.Combine(RepoRoot(), "out", "Accounting.Integrations", "Accounting.Integrations.psd1");
        var open = new List<long>();
        var import = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var parts = RunChild("import-child", manifest).Trim().Split(' ');
            open.Add(long.Parse(parts[0], CultureInfo.InvariantCulture));
            import.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        return (open, import);
    }

    public static int ImportChild(string manifest)
    {
        var watch = Stopwatch.StartNew();
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var open = watch.ElapsedMilliseconds;
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        watch.Restart();
        ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
        var import = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1:F1}", open, import));
        return 0;
    }

    internal static string RunChildPublic(params string[] args) => RunChild(args);

    static string RunChild(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Measure).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) != "dotnet") info.ArgumentList.RemoveAt(0); // an apphost runs itself
        using var child = Process.Start(info)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args.Take(1))} exited with {child.ExitCode}");
        return output;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Accounting.Integrations.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from the repository (Accounting.Integrations.sln not found above " + AppContext.BaseDirectory + ").");
    }
}

/// <summary>
/// What a script author would write: a loop over HttpClient that pages by number (or offset) and, on a 429,
/// waits a second and tries the same page again. No pacing, no Retry-After, no jitter.
/// </summary>
static class Peers
{
    static HttpClient Client() => new() { Timeout = TimeSpan.FromSeconds(100) };

    static async Task<JsonDocument> GetAsync(HttpClient http, Func<HttpRequestMessage> make) => JsonDocument.Parse(await GetBytesAsync(http, make));

    static async Task<byte[]> GetBytesAsync(HttpClient http, Func<HttpRequestMessage> make)
    {
        while (true)
        {
            using var response = await http.SendAsync(make());
            if ((int)response.StatusCode == 429) { await Task.Delay(1000); continue; }
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }
    }

    /// <summary>Deserialised into the fields the module reads (System.Text.Json, source-generated), as a typed script would.</summary>
    static async Task<T> GetTypedAsync<T>(HttpClient http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Func<HttpRequestMessage> make) =>
        JsonSerializer.Deserialize(await GetBytesAsync(http, make), type)!;

    public static async Task<long> BillbeeAsync(SandboxServer sandbox, long max = long.MaxValue)
    {
        using var http = Client();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(sandbox.Billbee.Admin.Username + ":" + sandbox.Billbee.Admin.ApiPassword));
        long n = 0;
        for (var page = 1; ; page++)
        {
            var answer = await GetTypedAsync(http, PeerJson.Default.BillbeePage, () =>
            {
                var m = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.ServiceUri("billbee"), $"orders?page={page}&pageSize=250"));
                m.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                m.Headers.Add("X-Billbee-Api-Key", sandbox.Billbee.ApiKey);
                return m;
            });
            n += answer.Data.Count;
            if (n >= max || page >= answer.Paging!.TotalPages) return n;
        }
    }

    public static async Task<long> TripletexAsync(SandboxServer sandbox, long max = long.MaxValue)
    {
        using var http = Client();
        var baseUri = sandbox.ServiceUri("tripletex");
        string token;
        using (var created = await GetAsync(http, () => new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri,
                   $"token/session/:create?consumerToken={sandbox.Tripletex.ConsumerToken}&employeeToken={sandbox.Tripletex.AdminEmployeeToken}&expirationDate={DateTime.Today.AddDays(2):yyyy-MM-dd}"))))
            token = created.RootElement.GetProperty("value").GetProperty("token").GetString()!;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("0:" + token));
        long n = 0;
        foreach (var inactive in new[] { "false", "true" })
            for (var from = 0; ; from += 1000)
            {
                var answer = await GetTypedAsync(http, PeerJson.Default.TripletexPage, () =>
                {
                    var m = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"customer?isInactive={inactive}&from={from}&count=1000&fields=id,name,customerNumber,organizationNumber,email,isInactive"));
                    m.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                    return m;
                });
                var count = answer.Values.Count;
                n += count;
                if (n >= max) return n;
                if (count < 1000) break;
            }
        return n;
    }

    /// <summary>The module's reads (each monitor's logs by id, keyset-paged, the same query), one monitor after another.</summary>
    public static async Task<long> LimeAsync(SandboxServer sandbox, long max = long.MaxValue)
    {
        using var http = Client();
        var before = DateTimeOffset.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        long n = 0;
        foreach (var monitor in sandbox.Lime.Monitors)
            for (var afterId = 0; ;)
            {
                var q = Uri.EscapeDataString("{\"limetype\":\"integration_monitor_log\",\"responseFormat\":{\"object\":{\"_id\":null,\"_createdtime\":null,\"integration_monitor\":null}},"
                    + "\"filter\":{\"op\":\"AND\",\"exp\":[{\"key\":\"integration_monitor\",\"op\":\"=\",\"exp\":" + monitor.Id + "},"
                    + "{\"key\":\"_createdtime\",\"op\":\"<\",\"exp\":\"" + before + "\"},{\"key\":\"_id\",\"op\":\">\",\"exp\":" + afterId + "}]},"
                    + "\"limit\":500,\"offset\":0,\"orderBy\":[{\"_id\":\"ASC\"}]}");
                var answer = await GetTypedAsync(http, PeerJson.Default.LimePage, () =>
                {
                    var m = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.ServiceUri("lime"), "query/?q=" + q));
                    m.Headers.Add("x-api-key", sandbox.Lime.ApiKey);
                    return m;
                });
                var count = answer.Objects.Count;
                n += count;
                if (n >= max) return n;
                if (count < 500) break;
                afterId = answer.Objects[count - 1].Id;
            }
        return n;
    }
}
