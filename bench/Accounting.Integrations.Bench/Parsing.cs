using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Sandbox;

namespace Accounting.Integrations.Bench;

public sealed record ParseResult(string Service, long Records, int Pages, double FetchMicros, double ModuleMicros, double PeerMicros, double ModuleMin, double ModuleMax);

/// <summary>
/// Parsing cost of each bulk read beside its fetch cost, in the same run: the pages are fetched with a plain
/// HttpClient (no latency, no throttle; the sandbox's own serialising counts as fetch), then parsed by the
/// module's page parser and by a minimal System.Text.Json (source-generated) deserialiser into the same fields.
/// Microseconds per record, the median of the repetitions.
/// </summary>
public static class Parsing
{
    public static async Task<IReadOnlyList<ParseResult>> RunAsync(int repetitions)
    {
        var options = Measure.Large(throttle: false, latencyMs: 0);
        options.Tripletex.RateLimit = 10_000_000;
        await using var sandbox = await SandboxServer.StartAsync(options);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var results = new List<ParseResult>();

        async Task Add<TPeer>(string service, Func<Task<List<byte[]>>> fetch, Func<byte[], int> module, Func<byte[], TPeer> peer, Func<TPeer, int> count)
        {
            var fetches = new List<double>();
            List<byte[]> bodies = null!;
            for (var i = 0; i < Math.Max(3, repetitions / 2); i++)
            {
                var w = Stopwatch.StartNew();
                bodies = await fetch();
                fetches.Add(w.Elapsed.TotalMilliseconds);
            }
            long records = 0;
            var modules = new List<double>();
            var peers = new List<double>();
            // Beside the wall clock, this thread's CPU time and allocations: a load on the shared machine stretches the
            // first and barely touches the other two.
            var moduleCpu = new List<double>();
            var peerCpu = new List<double>();
            long moduleBytes = 0, peerBytes = 0;
            for (var i = 0; i < repetitions + 1; i++) // the first of each is a warm-up (JIT)
            {
                var m = Pass(bodies, module);
                var p = Pass(bodies, b => count(peer(b)));
                if (m.Records != p.Records) throw new InvalidOperationException($"{service}: the module read {m.Records} records, the peer {p.Records}");
                records = m.Records;
                if (i == 0) continue;
                modules.Add(m.Ms);
                peers.Add(p.Ms);
                moduleCpu.Add(m.CpuMs);
                peerCpu.Add(p.CpuMs);
                moduleBytes = m.Bytes;
                peerBytes = p.Bytes;
            }
            double PerRecord(double ms) => ms * 1000 / records;
            var r = new ParseResult(service, records, bodies.Count, PerRecord(Median(fetches)), PerRecord(Median(modules)), PerRecord(Median(peers)),
                PerRecord(modules.Min()), PerRecord(modules.Max()));
            Console.Error.WriteLine($"parse {service}: {records} records in {bodies.Count} pages; fetch {r.FetchMicros:F2} µs, module {r.ModuleMicros:F2} µs ({r.ModuleMin:F2}-{r.ModuleMax:F2}), System.Text.Json {r.PeerMicros:F2} µs per record;"
                + $" thread CPU module {PerRecord(Median(moduleCpu)):F2} µs (min {PerRecord(moduleCpu.Min()):F2}), System.Text.Json {PerRecord(Median(peerCpu)):F2} µs (min {PerRecord(peerCpu.Min()):F2});"
                + $" allocated module {moduleBytes / (double)records:F0} B, System.Text.Json {peerBytes / (double)records:F0} B per record");
            results.Add(r);
        }

        // Billbee orders, 250 a page.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(sandbox.Billbee.Admin.Username + ":" + sandbox.Billbee.Admin.ApiPassword));
        await Add("Billbee orders", async () =>
        {
            var bodies = new List<byte[]>();
            for (var page = 1; ; page++)
            {
                var m = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.ServiceUri("billbee"), $"orders?page={page}&pageSize=250"));
                m.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                m.Headers.Add("X-Billbee-Api-Key", sandbox.Billbee.ApiKey);
                var body = await Get(http, m);
                bodies.Add(body);
                using var doc = JsonDocument.Parse((ReadOnlyMemory<byte>)body);
                if (page >= doc.RootElement.GetProperty("Paging").GetProperty("TotalPages").GetInt32()) return bodies;
            }
        }, b => BillbeeClient.ParseOrdersPage(Wrap(b)).Items.Count, b => JsonSerializer.Deserialize(b, PeerJson.Default.BillbeePage)!, p => p.Data.Count);

        // Tripletex customers, 1000 a page, the module's fields.
        var tripletex = sandbox.ServiceUri("tripletex");
        string token;
        using (var created = JsonDocument.Parse((ReadOnlyMemory<byte>)await Get(http, new HttpRequestMessage(HttpMethod.Put, new Uri(tripletex,
                   $"token/session/:create?consumerToken={sandbox.Tripletex.ConsumerToken}&employeeToken={sandbox.Tripletex.AdminEmployeeToken}&expirationDate={DateTime.Today.AddDays(2):yyyy-MM-dd}")))))
            token = created.RootElement.GetProperty("value").GetProperty("token").GetString()!;
        var tripletexBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes("0:" + token));
        await Add("Tripletex customers", async () =>
        {
            var bodies = new List<byte[]>();
            foreach (var inactive in new[] { "false", "true" })
                for (var from = 0; ; from += 1000)
                {
                    var m = new HttpRequestMessage(HttpMethod.Get, new Uri(tripletex, $"customer?isInactive={inactive}&fields=id,name,customerNumber,organizationNumber,email,isInactive&from={from}&count=1000"));
                    m.Headers.Authorization = new AuthenticationHeaderValue("Basic", tripletexBasic);
                    var body = await Get(http, m);
                    bodies.Add(body);
                    using var doc = JsonDocument.Parse((ReadOnlyMemory<byte>)body);
                    if (doc.RootElement.GetProperty("values").GetArrayLength() < 1000) break;
                }
            return bodies;
        }, b => TripletexClient.ParseListPage(Wrap(b), 0, TripletexClient.ReadCustomer).Items.Count, b => JsonSerializer.Deserialize(b, PeerJson.Default.TripletexPage)!, p => p.Values.Count);

        // Lime monitor logs by the query API, 500 a page.
        await Add("Lime monitor logs", async () =>
        {
            var bodies = new List<byte[]>();
            for (var offset = 0; ; offset += 500)
            {
                var q = Uri.EscapeDataString("{\"limetype\":\"integration_monitor_log\",\"responseFormat\":{\"object\":{\"_id\":null,\"_createdtime\":null,\"integration_monitor\":null}},\"limit\":500,\"offset\":" + offset + "}");
                var m = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.ServiceUri("lime"), "query/?q=" + q));
                m.Headers.Add("x-api-key", sandbox.Lime.ApiKey);
                var body = await Get(http, m);
                bodies.Add(body);
                using var doc = JsonDocument.Parse((ReadOnlyMemory<byte>)body);
                if (doc.RootElement.GetProperty("objects").GetArrayLength() < 500) return bodies;
            }
        }, b => LimeClient.ParseLogsPage(Wrap(b), 0).Count, b => JsonSerializer.Deserialize(b, PeerJson.Default.LimePage)!, p => p.Objects.Count);

        // Billecta open invoices: one plain array.
        var creditor = (string)sandbox.Billecta.Creditors[0]["CreditorPublicId"]!;
        var billectaAuth = BillectaAuthorization.Basic(sandbox.Billecta.Production.Username, sandbox.Billecta.Production.Password);
        await Add("Billecta open invoices", async () =>
        {
            var m = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(sandbox.BaseUri, sandbox.Billecta.BasePath), "invoice/open/" + Uri.EscapeDataString(creditor)));
            m.Headers.TryAddWithoutValidation("Authorization", billectaAuth);
            m.Headers.Add("Accept", "application/json");
            return new List<byte[]> { await Get(http, m) };
        }, b => BillectaClient.ParseOpenInvoices(Wrap(b)).Count, b => JsonSerializer.Deserialize(b, PeerJson.Default.ListBillectaInvoiceDto)!, p => p.Count);

        return results;

        // As the transport hands it over: the bytes off the wire, decoded to text only if asked.
        ApiResponse Wrap(byte[] body) => new(200, "OK", null, new ApiResponse.BodyBytes(new ArraySegment<byte>(body), Encoding.UTF8), TimeSpan.Zero, sandbox.BaseUri);
    }

    /// <summary>One parser over all the bodies: the records it read, wall-clock ms, this thread's CPU ms and bytes allocated.</summary>
    static (long Records, double Ms, double CpuMs, long Bytes) Pass(List<byte[]> bodies, Func<byte[], int> parse)
    {
        var cpu = ThreadCpuMs();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        long records = 0;
        foreach (var body in bodies) records += parse(body);
        var ms = watch.Elapsed.TotalMilliseconds;
        return (records, ms, ThreadCpuMs() - cpu, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    static async Task<byte[]> Get(HttpClient http, HttpRequestMessage message)
    {
        using var response = await http.SendAsync(message);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds; public long Nanoseconds; }

    /// <summary>This thread's CPU time in ms (CLOCK_THREAD_CPUTIME_ID) on Linux; elsewhere the process's, a coarser stand-in.</summary>
    static double ThreadCpuMs()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3, out var t) == 0) return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}

// ---- the minimal deserialiser: the same fields the module reads, generated at compile time ----

public sealed class BillbeePage { public List<BillbeeOrderDto> Data { get; set; } = new(); public BillbeePagingDto? Paging { get; set; } }
public sealed class BillbeePagingDto { public int Page { get; set; } public int TotalPages { get; set; } public long TotalRows { get; set; } }
public sealed class BillbeeOrderDto
{
    public long BillBeeOrderId { get; set; }
    public string? OrderNumber { get; set; }
    public string? Id { get; set; }
    public int State { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? PayedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateTime? LastModifiedAt { get; set; }
    public decimal? TotalCost { get; set; }
    public decimal? ShippingCost { get; set; }
    public string? Currency { get; set; }
    public string? InvoiceNumberPrefix { get; set; }
    public long? InvoiceNumber { get; set; }
    public string? InvoiceNumberPostfix { get; set; }
    public BillbeeSellerDto? Seller { get; set; }
    public BillbeeCustomerDto? Customer { get; set; }
    public List<string>? Tags { get; set; }
    public List<JsonElement>? OrderItems { get; set; }
}
public sealed class BillbeeSellerDto { public long? BillbeeShopId { get; set; } public string? BillbeeShopName { get; set; } }
public sealed class BillbeeCustomerDto { public string? Name { get; set; } }

public sealed class TripletexPage { public long? FullResultSize { get; set; } public List<TripletexCustomerDto> Values { get; set; } = new(); }
public sealed class TripletexCustomerDto
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public int? CustomerNumber { get; set; }
    public string? OrganizationNumber { get; set; }
    public string? Email { get; set; }
    public bool IsInactive { get; set; }
}

public sealed class LimePage { public List<LimeLogDto> Objects { get; set; } = new(); }
public sealed class LimeLogDto
{
    [JsonPropertyName("_id")] public int Id { get; set; }
    [JsonPropertyName("_createdtime")] public DateTimeOffset Created { get; set; }
    [JsonPropertyName("integration_monitor")] public int? Monitor { get; set; }
}

public sealed class BillectaInvoiceDto
{
    public string? ActionPublicId { get; set; }
    public string? CreditorPublicId { get; set; }
    public string? DebtorPublicId { get; set; }
    public string? DebtorName { get; set; }
    public string? InvoiceNumber { get; set; }
    public string? Stage { get; set; }
    public string? InvoiceDate { get; set; }
    public string? DueDate { get; set; }
    public string? ClosedDate { get; set; }
    public BillectaAmountDto? InvoicedAmount { get; set; }
    public BillectaAmountDto? CurrentAmount { get; set; }
}
public sealed class BillectaAmountDto { public decimal? Value { get; set; } public string? CurrencyCode { get; set; } }

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(BillbeePage))]
[JsonSerializable(typeof(TripletexPage))]
[JsonSerializable(typeof(LimePage))]
[JsonSerializable(typeof(List<BillectaInvoiceDto>))]
internal sealed partial class PeerJson : JsonSerializerContext;
