using System.Text;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Tripletex;
using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>
/// Every client against a loopback server that answers anything: random statuses, content types and bodies
/// (random JSON built from the services' real field names, broken JSON, text). Each call must end with a
/// typed result or a ServiceException, never another exception or a hang.
/// </summary>
[Collection(CpuHeavyCollection.Name)]
public sealed class MalformedResponseProperties : IAsyncLifetime
{
    static readonly string[] Fields =
    {
        "Data", "Paging", "Page", "TotalPages", "TotalRows", "PageSize", "ErrorMessage", "ErrorCode", "ErrorDescription", "Id", "BillBeeOrderId",
        "OrderNumber", "State", "CreatedAt", "Name", "value", "values", "fullResultSize", "from", "count", "token", "expirationDate", "id",
        "employeeId", "employee", "company", "customerNumber", "invoiceNumber", "invoiceDate", "amount", "response", "Kod", "Informacja",
        "Wynik", "LimitWykorzystany", "LimitPrzyznany", "MiesiacKsiegowy", "RokKsiegowy", "_embedded", "limeobjects", "users", "_links", "next",
        "href", "_id", "name", "integration_key", "active", "alertstatus", "alerttext", "type", "key", "username", "userType", "CreditorPublicId",
        "Message", "Amount", "Value", "CurrencyCode", "InvoiceDate", "ActionPublicId", "DebtorPublicId", "Faktury", "Identyfikator", "status", "code",
    };

    static readonly Gen<string> JsonScalar = Gen.OneOf(
        Gen.Const("null"), Gen.Const("true"), Gen.Const("false"), Gen.Int.Select(i => i.ToString()), Gen.Long.Select(l => l + "0000"),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e400"),
        Gen.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s)), Gen.Const("\"2026-11-23\""), Gen.Const("\"2026-11-23T10:00:00+01:00\""),
        Gen.Const("\"https://x.test/next\""), Gen.Const("\"limeobject/x/?_offset=1\""), Gen.Const("-1"), Gen.Const("\"\""));

    static Gen<string> JsonValue(int depth) => depth == 0 ? JsonScalar : Gen.Frequency(
        (3, JsonScalar),
        (2, JsonValue(depth - 1).Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
        (3, Gen.Select(Gen.OneOf(Gen.OneOf(Fields.Select(Gen.Const).ToArray()), Gen.String[0, 6]), JsonValue(depth - 1)).Array[0, 6]
            .Select(kv => "{" + string.Join(",", kv.Select(p => System.Text.Json.JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}")));

    static readonly Gen<(int Status, string ContentType, string Body)> Response = Gen.Select(
        Gen.OneOf(new[] { 200, 200, 200, 200, 201, 204, 400, 401, 402, 403, 404, 409, 422, 429, 500, 503 }.Select(Gen.Const).ToArray()),
        Gen.OneOf(Gen.Const("application/json"), Gen.Const("application/hal+json; charset=utf-8"), Gen.Const("text/html"), Gen.Const("application/json; charset=bogus")),
        Gen.Frequency(
            (6, JsonValue(3)),
            (1, JsonValue(3).Select(j => j.Length > 2 ? j[..(j.Length / 2)] : j)),
            (1, Gen.String),
            (1, Gen.Const(""))));

    WebApplication _server;
    Uri _base;
    volatile Tuple<int, string, string> _next = Tuple.Create(200, "application/json", "{}");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.Run(async http =>
        {
            var (status, contentType, body) = _next;
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            if (status != 204) await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        await _server.StartAsync();
        _base = new Uri(_server.Urls.First().Replace("[::]", "127.0.0.1") + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    static readonly TransportOptions OneAttempt = new() { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Runs a call under each generated answer; only a ServiceException may escape.</summary>
    void Property(string name, Func<CancellationToken, Task> call, long iterations = 150)
    {
        Response.Sample(r =>
        {
            _next = Tuple.Create(r.Status, r.ContentType, r.Body);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { call(timeout.Token).GetAwaiter().GetResult(); }
            catch (ServiceException) { }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested) { Assert.Fail($"{name} hung on {r.Status} {r.Body}"); }
        }, iter: FuzzScale.Iter(iterations), threads: 1);
    }

    static async Task Drain<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var n = 0;
        await foreach (var _ in items.WithCancellation(ct)) if (++n >= 600) break; // a server repeating pages forever is the hang check's to catch
    }

    // A 429 makes a client pause every later call with the same credentials (its limiter's job), so each call
    // below gets a connection with fresh credentials of its own.
    TripletexConnection Tripletex() =>
        new(TripletexEnvironment.Test, Secret.FromPlainText("c" + Guid.NewGuid()), Secret.FromPlainText("e" + Guid.NewGuid()), new Uri(_base, "tripletex/"), "0", 2, OneAttempt);

    /// <summary>iFirma's limiter paces 96 calls a minute; the fuzz connections turn pacing off (-NoRateLimit), since pacing is not under test here.</summary>
    IFirmaConnection IFirma()
    {
        var unpaced = OneAttempt.Clone();
        unpaced.ClientPacing = false;
        return new(Guid.NewGuid() + "@x.test", IFirmaKeys.All.ToDictionary(k => k, _ => Secret.FromPlainText("0123456789abcdef0123456789abcdef")), new Uri(_base, "ifirma/"), unpaced);
    }

    [Fact]
    public void Tripletex_calls_end_in_a_result_or_a_ServiceException()
    {
        Property("Tripletex", async ct =>
        {
            using (var c = Tripletex()) await c.Client.TestConnectionAsync(ct);
            using (var c = Tripletex()) try { await c.Client.GetEntitlementsAsync(1, ct); } catch (ServiceException) { }
            using (var c = Tripletex()) try { await Drain(c.Client.GetCustomersAsync(false, ct), ct); } catch (ServiceException) { }
            using (var c = Tripletex()) await Drain(c.Client.GetInvoicesAsync(new DateTime(2026, 1, 1), new DateTime(2026, 2, 1), ct), ct);
        });
    }

    [Fact]
    public void IFirma_calls_end_in_a_result_or_a_ServiceException()
    {
        Property("iFirma", async ct =>
        {
            using (var c = IFirma()) await c.Client.TestKeysAsync(ct);
            using (var c = IFirma()) try { await c.Client.GetApiLimitAsync(ct); } catch (ServiceException) { }
            using (var c = IFirma()) try { await c.Client.GetAccountingMonthAsync(ct); } catch (ServiceException) { }
            using (var c = IFirma()) await Drain(c.Client.GetInvoicesAsync(new DateTime(2026, 1, 1), new DateTime(2026, 2, 1), ct), ct);
        });
    }

    BillbeeConnection Billbee() =>
        new(new Uri(_base, "billbee/"), "u" + Guid.NewGuid(), Secret.FromPlainText("p"), Secret.FromPlainText("k" + Guid.NewGuid()), OneAttempt, throttle: false);

    BillectaConnection Billecta() =>
        new(BillectaEnvironment.Production, Secret.FromPlainText(BillectaAuthorization.Basic("u" + Guid.NewGuid().ToString("N"), "p")), new Uri(_base, "billecta/"), null, OneAttempt);

    // A limit of n keeps a window log of n entries: modest numbers keep each fresh connection cheap.
    LimeConnection Lime() => new(new Uri(_base, "lime/api/v1/"), Secret.FromPlainText("k" + Guid.NewGuid()), 300_000, OneAttempt);

    [Fact]
    public void Billbee_calls_end_in_a_result_or_a_ServiceException()
    {
        Property("Billbee", async ct =>
        {
            using (var c = Billbee()) await c.Client.TestConnectionAsync(ct);
            using (var c = Billbee()) try { await c.Client.GetOrderStatesAsync(ct); } catch (ServiceException) { }
            using (var c = Billbee()) try { await c.Client.GetOrderAsync(1, ct); } catch (ServiceException) { }
            using (var c = Billbee()) await Drain(c.Client.GetOrdersAsync(new BillbeeOrderQuery(), ct), ct);
        });
    }

    [Fact]
    public void Billecta_calls_end_in_a_result_or_a_ServiceException()
    {
        Property("Billecta", async ct =>
        {
            using (var c = Billecta()) await c.Client.TestConnectionAsync(ct);
            using (var c = Billecta()) try { await c.Client.GetCreditorsAsync(ct); } catch (ServiceException) { }
            using (var c = Billecta()) try { await c.Client.GetOpenInvoicesAsync("x", ct); } catch (ServiceException) { }
            using (var c = Billecta()) await c.Client.GetIncomingPaymentsAsync("x", new DateTime(2026, 1, 1), new DateTime(2026, 2, 1), ct);
        });
    }

    [Fact]
    public void Lime_calls_end_in_a_result_or_a_ServiceException()
    {
        Property("Lime", async ct =>
        {
            using (var c = Lime()) await c.Client.TestConnectionAsync(ct);
            using (var c = Lime()) try { await c.Client.GetIntegrationMonitorsAsync(ct); } catch (ServiceException) { }
            using (var c = Lime()) try { await c.Client.GetUsersAsync(ct); } catch (ServiceException) { }
            using (var c = Lime()) try { await c.Client.CanReadTableAsync("invoice", ct); } catch (ServiceException) { }
            using (var c = Lime()) try { await c.Client.GetLimetypePropertiesAsync("invoice", ct); } catch (ServiceException) { }
            using (var c = Lime()) await Drain(c.Client.GetLogsBeforeAsync(1, DateTimeOffset.Now, ct), ct);
        });
    }
}
