using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Tests.Tripletex;

public class TripletexClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    TripletexConnection Connect(string employeeToken = null, string consumerToken = null) =>
        new(TripletexEnvironment.Test, Secret.FromPlainText(consumerToken ?? sandbox.Server.Tripletex.ConsumerToken),
            Secret.FromPlainText(employeeToken ?? sandbox.Server.Tripletex.AdminEmployeeToken), sandbox.Server.ServiceUri("tripletex"));

    [Fact]
    public async Task The_rate_limit_headers_pause_the_client_before_the_service_refuses()
    {
        var options = sandbox.Server.Tripletex.Options;
        var (limit, period) = (options.RateLimit, options.RatePeriod);
        options.RateLimit = 3;
        options.RatePeriod = TimeSpan.FromSeconds(2);
        sandbox.Server.Tripletex.ResetRateWindows();
        try
        {
            sandbox.Reset();
            using var connection = Connect();
            var ids = new List<int>();
            await foreach (var c in connection.Client.GetCustomersAsync(false, CancellationToken.None)) ids.Add(c.Id);
            await foreach (var c in connection.Client.GetCustomersAsync(true, CancellationToken.None)) ids.Add(c.Id);
            Assert.Equal(sandbox.Server.Tripletex.Data.Customers.Select(c => c.Id).OrderBy(i => i), ids.OrderBy(i => i));
            var log = sandbox.Server.State.Log.Snapshot("tripletex");
            Assert.True(log.Count >= 8, "a session and at least seven pages: more calls than one period allows");
            Assert.DoesNotContain(log, r => r.Status == 429);
        }
        finally
        {
            (options.RateLimit, options.RatePeriod) = (limit, period);
            sandbox.Server.Tripletex.ResetRateWindows();
        }
    }

    [Fact]
    public async Task Customer_pages_fetched_ahead_keep_the_calls_at_the_floor_and_every_customer_once()
    {
        sandbox.Reset();
        using var connection = Connect();
        var ids = new List<int>();
        await foreach (var c in connection.Client.GetCustomersAsync(false, CancellationToken.None)) ids.Add(c.Id);
        var active = sandbox.Server.Tripletex.Data.Customers.Count(c => !c.IsInactive);
        Assert.True(active > TripletexClient.PageSize, "more than one page");
        Assert.Equal(active, ids.Distinct().Count());
        Assert.Equal(active, ids.Count);
        // One call per page, and one more only when the last page is full (fullResultSize is a hint, not a stop).
        var pages = sandbox.Server.State.Log.Snapshot("tripletex").Count(r => r.Path.Contains("/customer"));
        Assert.Equal(active / TripletexClient.PageSize + 1, pages);
    }

    [Fact]
    public async Task A_session_near_its_expiry_is_renewed_before_the_next_call()
    {
        sandbox.Reset();
        // The connection's clock is virtual: it starts at the real now (the sandbox's) and moves only when told.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var connection = new TripletexConnection(TripletexEnvironment.Test, Secret.FromPlainText(sandbox.Server.Tripletex.ConsumerToken),
            Secret.FromPlainText(sandbox.Server.Tripletex.AdminEmployeeToken), sandbox.Server.ServiceUri("tripletex"), options: new() { Clock = clock, MaxAttempts = 1 });
        var first = await connection.Client.CreateSessionAsync(CancellationToken.None);
        try
        {
            // One minute before the renewal margin opens: the session is kept.
            var shift = first.ExpiresAt - connection.RenewBefore - TimeSpan.FromMinutes(1) - clock.GetUtcNow();
            clock.Advance(shift);
            sandbox.Server.State.ClockOffset = shift;
            Assert.Same(first, await connection.Client.EnsureSessionAsync(CancellationToken.None));
            // Half an hour before midnight Oslo time on the expiration date: inside the renewal margin.
            clock.Advance(TimeSpan.FromMinutes(31));
            sandbox.Server.State.ClockOffset = shift + TimeSpan.FromMinutes(31);
            var result = await connection.Client.TestConnectionAsync(CancellationToken.None);
            Assert.True(result.Success, result.Cause);
            Assert.NotEqual(first.Id, connection.CurrentSession.Id);
            Assert.True(connection.CurrentSession.ExpiresAt > first.ExpiresAt);
            Assert.DoesNotContain(sandbox.Server.State.Log.Snapshot("tripletex"), r => r.Status == 401);
        }
        finally
        {
            sandbox.Server.State.ClockOffset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_wrong_employee_token_and_a_wrong_consumer_token_are_told_apart()
    {
        using var wrongEmployee = Connect(employeeToken: "test-employee-not-a-real-one-000000");
        using var wrongConsumer = Connect(consumerToken: "test-consumer-not-a-real-one-000000");
        var results = await Task.WhenAll(wrongEmployee.Client.TestConnectionAsync(default), wrongConsumer.Client.TestConnectionAsync(default));
        Assert.Equal(new[] { "Tripletex.Authentication", "Tripletex.ApiKey" }, results.Select(r => r.ErrorId));
        Assert.Contains("employee token", results[0].Cause);
        Assert.Contains("API-tilgang", results[0].Fix);
        Assert.Contains("-Environment", results[1].Fix);
    }

    [Fact]
    public async Task A_range_Tripletex_calls_too_large_is_split_until_each_part_fits()
    {
        var options = sandbox.Server.Tripletex.Options;
        options.ResultSetLimit = 700;
        try
        {
            sandbox.Reset();
            using var connection = Connect();
            var ids = new List<int>();
            await foreach (var i in connection.Client.GetInvoicesAsync(DateTime.Today.AddYears(-3), DateTime.Today.AddDays(1), CancellationToken.None)) ids.Add(i.Id);
            Assert.Equal(sandbox.Server.Tripletex.Data.Invoices.Select(i => i.Id).OrderBy(i => i), ids.OrderBy(i => i));
            Assert.Contains(sandbox.Server.State.Log.Snapshot("tripletex"), r => r.Status == 422); // it really was refused first
        }
        finally
        {
            options.ResultSetLimit = 10_000;
        }
    }

    [Fact]
    public void The_number_series_check_reports_overlaps_and_risks_by_the_seed_s_rules()
    {
        var check = new NumberSeriesCheck { ShopInvoiceStart = 6000, ShopCustomerStart = 10000 };
        var findings = check.Evaluate(
            new[] { new TripletexCustomer { Id = 1, CustomerNumber = 100001 }, new TripletexCustomer { Id = 2, CustomerNumber = 10005 }, new TripletexCustomer { Id = 3, CustomerNumber = 42 } },
            new[] { new TripletexInvoice { Id = 1, InvoiceNumber = 50001 }, new TripletexInvoice { Id = 2, InvoiceNumber = 6002 }, new TripletexInvoice { Id = 3, InvoiceNumber = 5990 } });
        Assert.Equal(new[] { "Invoice Overlap 6002", "Invoice Risk 5990", "Customer Overlap 10005", "Customer Risk 42" },
            findings.Select(f => $"{f.Series} {f.Kind} {f.Number}"));
        Assert.Contains("after 9 more invoices", findings[1].Detail);
        Assert.All(findings, f => Assert.False(string.IsNullOrEmpty(f.Fix)));
    }

    [Fact]
    public void Clear_series_give_no_finding()
    {
        var findings = new NumberSeriesCheck { ShopInvoiceStart = 6000, ShopCustomerStart = 10000 }.Evaluate(
            new[] { new TripletexCustomer { Id = 1, CustomerNumber = 100000 } }, new[] { new TripletexInvoice { Id = 1, InvoiceNumber = 50000 } });
        Assert.Empty(findings);
    }

    [Fact]
    public void A_company_with_no_customers_yet_is_a_risk_when_tripletexs_default_numbering_lies_in_the_shops_range()
    {
        var invoices = new[] { new TripletexInvoice { Id = 1, InvoiceNumber = 50000 } };
        var inRange = new NumberSeriesCheck { ShopInvoiceStart = 6000, ShopCustomerStart = 10000 }.Evaluate(new TripletexCustomer[0], invoices);
        var finding = Assert.Single(inRange);
        Assert.Equal(("Customer", "Risk", (int?)10001), (finding.Series, finding.Kind, finding.Number));
        Assert.Contains("10001, inside the shop's customer range 10000–99999", finding.Detail);
        Assert.Contains("Kunde > Innstillinger", finding.Fix);
        // Without a shop range it is still below the seed's 100000; a shop range above 10001 makes it no finding.
        Assert.Contains("-ShopCustomerStart", Assert.Single(new NumberSeriesCheck { ShopInvoiceStart = 6000 }.Evaluate(new TripletexCustomer[0], invoices)).Detail);
        Assert.Empty(new NumberSeriesCheck { ShopInvoiceStart = 6000, ShopCustomerStart = 50000 }.Evaluate(new TripletexCustomer[0], invoices));
    }
}
