using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Fleet;
using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Lime;
using Xunit.Abstractions;

namespace Accounting.Integrations.Core.Tests.SandboxFleet;

/// <summary>
/// The sandbox as a fleet (--customers N): each customer's own credentials, limits, data and faults, under /c/&lt;nnn&gt;/,
/// and the listing at /_sandbox/customers. Raw HTTP, so what is tested is the sandbox, not a client's pacing.
/// </summary>
public sealed class SandboxFleetTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Count = 12;
    SandboxServer _server;
    readonly HttpClient _http = new();

    public async Task InitializeAsync() =>
        _server = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42, Customers = Count, CustomerFaultEvery = 5 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    async Task<JsonElement[]> Listing(SandboxServer server)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri(server.BaseUri, "_sandbox/customers")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    static string Account(JsonElement customer, string service, string key) => customer.GetProperty("accounts").GetProperty(service).GetProperty(key).GetString();

    HttpRequestMessage Billbee(JsonElement customer, string relative = "orders?pageSize=5")
    {
        var url = customer.GetProperty("url").GetString() + Account(customer, "billbee", "baseUrl") + relative;
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Billbee-Api-Key", Account(customer, "billbee", "apiKey"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Account(customer, "billbee", "username") + ":" + Account(customer, "billbee", "apiPassword"))));
        return request;
    }

    /// <summary>An iFirma read signed as ifirma.md §6 says: HMAC-SHA1 over URL + login + key name (+ empty body).</summary>
    HttpRequestMessage IFirmaLimit(JsonElement customer)
    {
        var url = customer.GetProperty("url").GetString() + Account(customer, "ifirma", "baseUrl") + "abonent/limit.json";
        var login = Account(customer, "ifirma", "login");
        var key = customer.GetProperty("accounts").GetProperty("ifirma").GetProperty("keys").GetProperty("abonent").GetString();
        var mac = Convert.ToHexStringLower(HMACSHA1.HashData(Convert.FromHexString(key), Encoding.UTF8.GetBytes(url + login + "abonent")));
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authentication", $"IAPIS user={login}, hmac-sha1={mac}");
        return request;
    }

    async Task<HttpStatusCode> Send(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request)) return response.StatusCode;
    }

    [Fact]
    public async Task The_listing_names_every_customer_once_with_its_url_seed_and_own_credentials()
    {
        var customers = await Listing(_server);
        Assert.Equal(Enumerable.Range(1, Count), customers.Select(c => c.GetProperty("number").GetInt32()));
        Assert.Equal(Count, customers.Select(c => c.GetProperty("url").GetString()).Distinct().Count());
        Assert.Equal(_server.BaseUri + "c/007/", customers[6].GetProperty("url").GetString());
        Assert.Equal("customer-007", customers[6].GetProperty("name").GetString());
        Assert.Equal(SandboxOptions.CustomerSeed(42, 7), customers[6].GetProperty("seed").GetInt32());
        // Own credentials: no two customers (nor a customer and the root accounts) share a key, token or password.
        foreach (var (service, key) in new[] { ("billbee", "apiKey"), ("billbee", "apiPassword"), ("tripletex", "consumerToken"), ("tripletex", "employeeToken"), ("lime", "apiKey") })
        {
            var values = customers.Select(c => Account(c, service, key)).ToList();
            Assert.Equal(Count, values.Distinct().Count());
        }
        Assert.DoesNotContain(_server.Billbee.ApiKey, customers.Select(c => Account(c, "billbee", "apiKey")));
        Assert.Equal(Count, (await _http.GetFromJsonAsync<JsonElement>(new Uri(_server.BaseUri, "_sandbox/info"))).GetProperty("customers").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(_server.BaseUri, $"_sandbox/customers/{Count + 1}"))).StatusCode);
    }

    [Fact]
    public async Task Faults_are_seeded_every_nth_customer_in_turn_and_listed()
    {
        var customers = await Listing(_server);
        var faulted = customers.Where(c => c.GetProperty("faults").GetArrayLength() > 0)
            .ToDictionary(c => c.GetProperty("number").GetInt32(), c => c.GetProperty("faults")[0].GetProperty("name").GetString());
        Assert.Equal(new Dictionary<int, string> { [5] = "billbee-wrong-password", [10] = "tripletex-no-rights" }, faulted);

        // Customer 5's listed Billbee password is the one it gave; its Billbee has since changed it: 401. Its neighbours are fine.
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Billbee(customers[4])));
        Assert.Equal(HttpStatusCode.OK, await Send(Billbee(customers[3])));
        Assert.Equal(HttpStatusCode.OK, await Send(Billbee(customers[5])));

        // Customer 10's employee token opens a session, but its employee may no longer read customers: 403. Customer 9's may.
        Assert.Equal(HttpStatusCode.Forbidden, await TripletexCustomers(customers[9]));
        Assert.Equal(HttpStatusCode.OK, await TripletexCustomers(customers[8]));
    }

    async Task<HttpStatusCode> TripletexCustomers(JsonElement customer)
    {
        var baseUrl = customer.GetProperty("url").GetString() + Account(customer, "tripletex", "baseUrl");
        var create = $"{baseUrl}token/session/:create?consumerToken={Account(customer, "tripletex", "consumerToken")}&employeeToken={Account(customer, "tripletex", "employeeToken")}&expirationDate={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}";
        using var created = await _http.PutAsync(create, null);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetProperty("token").GetString();
        var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "customer?count=5");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("0:" + token)));
        return await Send(request);
    }

    [Fact]
    public async Task One_customers_429_window_never_touches_another_even_with_the_same_login()
    {
        var customers = await Listing(_server);
        // iFirma's limiter keys on the login, which every customer's seed gives the same: a shared limiter would let
        // customer 1's 100 calls a minute refuse customer 2's first one.
        Assert.Equal(Account(customers[0], "ifirma", "login"), Account(customers[1], "ifirma", "login"));
        for (var i = 0; i < 100; i++) Assert.Equal(HttpStatusCode.OK, await Send(IFirmaLimit(customers[0])));
        Assert.Equal((HttpStatusCode)429, await Send(IFirmaLimit(customers[0])));
        Assert.Equal(HttpStatusCode.OK, await Send(IFirmaLimit(customers[1])));
        Assert.Equal(0, _server.Customer(2).State.Throttle.Refused);
        Assert.Equal(0, _server.State.Throttle.Refused);
    }

    [Fact]
    public async Task Own_limits_one_customers_tightened_limit_is_its_own()
    {
        var customers = await Listing(_server);
        _server.Customer(3).Service<LimeSandbox>().RequestsPerFiveMinutes = 2;
        async Task<HttpStatusCode> Lime(JsonElement c)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, c.GetProperty("url").GetString() + Account(c, "lime", "baseUrl"));
            request.Headers.Add("x-api-key", Account(c, "lime", "apiKey"));
            return await Send(request);
        }
        Assert.Equal(HttpStatusCode.OK, await Lime(customers[2]));
        Assert.Equal(HttpStatusCode.OK, await Lime(customers[2]));
        Assert.Equal((HttpStatusCode)429, await Lime(customers[2]));
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await Lime(customers[3]));
        Assert.Equal(3000, _server.Customer(4).Service<LimeSandbox>().RequestsPerFiveMinutes);
    }

    [Fact]
    public async Task Credentials_open_only_their_own_customer_and_data_is_each_customers_own()
    {
        var customers = await Listing(_server);
        // Customer 2's credentials at customer 3's address, and at the root's, are refused (unknown key: Billbee's 403).
        var wrongPlace = Billbee(customers[1]);
        wrongPlace.RequestUri = new Uri(wrongPlace.RequestUri!.AbsoluteUri.Replace("/c/002/", "/c/003/"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(wrongPlace));
        var atRoot = Billbee(customers[1]);
        atRoot.RequestUri = new Uri(atRoot.RequestUri!.AbsoluteUri.Replace("/c/002/", "/"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(atRoot));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(_server.BaseUri, $"c/{Count + 1}/billbee/api/v1/orders"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(_server.BaseUri, "c/000/billbee/api/v1/orders"))).StatusCode);

        // Each customer's own small data set, from its own seed; a change to one customer's order is not another's.
        var one = _server.Customer(1).Service<BillbeeSandbox>();
        var two = _server.Customer(2).Service<BillbeeSandbox>();
        Assert.Equal(60, one.Orders.Count);
        Assert.NotEqual(one.Orders.Select(o => o.OrderNumber + o.CustomerEmail), two.Orders.Select(o => o.OrderNumber + o.CustomerEmail));
        Assert.Equal(12_000, _server.Billbee.Orders.Count);
        one.Orders[0].State = 6;
        Assert.NotSame(one.Orders[0], two.Orders[0]);
        Assert.NotSame(_server.Customer(1).State.Throttle, _server.Customer(2).State.Throttle);

        // The request log is the sandbox's one log; each entry names its customer and its whole path.
        Assert.Equal(HttpStatusCode.OK, await Send(Billbee(customers[6])));
        // The entry is written after the answer has gone: on a loaded machine the client can read it first.
        SpinWait.SpinUntil(() => _server.State.InFlight == 0, TimeSpan.FromSeconds(30));
        var entry = _server.State.Log.Snapshot("billbee").Last(e => e.Customer == 7);
        Assert.StartsWith("/c/007/billbee/api/v1/orders", entry.Path);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_fleet()
    {
        await using var again = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42, Customers = Count, CustomerFaultEvery = 5 });
        await using var other = await SandboxServer.StartAsync(new SandboxOptions { Seed = 43, Customers = Count, CustomerFaultEvery = 5 });
        string WithoutUrls(JsonElement[] listing, SandboxServer server) =>
            JsonSerializer.Serialize(listing).Replace(server.BaseUri.AbsoluteUri, "ROOT/");
        Assert.Equal(WithoutUrls(await Listing(_server), _server), WithoutUrls(await Listing(again), again));
        Assert.NotEqual(WithoutUrls(await Listing(_server), _server), WithoutUrls(await Listing(other), other));
        Assert.Equal(_server.Customer(8).Service<BillbeeSandbox>().Orders.Select(o => o.BillbeeOrderId), again.Customer(8).Service<BillbeeSandbox>().Orders.Select(o => o.BillbeeOrderId));
    }

    [Fact]
    public void Memory_per_customer_is_bounded_by_what_making_one_allocates()
    {
        // Bytes this thread allocates to make a customer bound what it keeps (a measure, not a wall-clock figure):
        // every service's own instance with its small data set, its state and its listing.
        var root = _server.State;
        SandboxCustomer.Create(1, 1, root, DateTime.UtcNow.Date); // warm: statics and first-use caches
        const int made = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= made; i++) SandboxCustomer.Create(i, made, root, DateTime.UtcNow.Date);
        var perCustomer = (GC.GetAllocatedBytesForCurrentThread() - before) / made;
        output.WriteLine($"allocated per customer: {perCustomer / 1024} KiB");
        // 500 customers must fit in well under 500 MB with the server's own share (its endpoints, measured by the bench).
        Assert.InRange(perCustomer, 1, 400 * 1024);
    }
}
