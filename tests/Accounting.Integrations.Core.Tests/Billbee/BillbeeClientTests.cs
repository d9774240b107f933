using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Errors;

namespace Accounting.Integrations.Core.Tests.Billbee;

public class BillbeeClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Paid_and_shipped_orders_of_the_last_year_are_exactly_the_sandbox_s()
    {
        var since = DateTime.Today.AddDays(-365);
        List<long> expected;
        lock (sandbox.Server.Billbee.SyncRoot)
            expected = sandbox.Server.Billbee.Orders.Where(o => (o.State == 3 || o.State == 4) && o.CreatedAt >= since).Select(o => o.BillbeeOrderId).ToList();
        using var connection = sandbox.Billbee();
        var ids = new List<long>();
        await foreach (var order in connection.Client.GetOrdersAsync(new BillbeeOrderQuery { StateIds = new[] { 3, 4 }, MinOrderDate = since }, CancellationToken.None))
            ids.Add(order.BillbeeOrderId);
        Assert.True(expected.Count > 250, "the filter must span several pages");
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_read_ending_on_a_full_page_makes_one_call_a_page_in_ascending_order()
    {
        // The next page is asked for while a page is parsed, its cursor read off the body: 1000 orders are 4 full pages,
        // and the last one (TotalRows says none remain) names no fifth (OrderCursorHintTests.The_last_page_names_nothing).
        sandbox.Reset();
        var all = sandbox.Server.Billbee.Orders;
        var expected = all.Skip(all.Count - 1000).Select(o => o.BillbeeOrderId).ToList();
        using var connection = sandbox.Billbee();
        var ids = new List<long>();
        await foreach (var order in connection.Client.GetOrdersAsync(new BillbeeOrderQuery { MinimumOrderId = expected[0] }, CancellationToken.None))
            ids.Add(order.BillbeeOrderId);
        Assert.Equal(expected, ids);
        // The sandbox logs a call once its answer is written, which can be after the client has read it: wait for that, not a time.
        SpinWait.SpinUntil(() => sandbox.Server.State.InFlight == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(4, sandbox.Server.State.Log.Snapshot("billbee").Count(r => r.Path.EndsWith("/orders")));
    }

    [Fact]
    public async Task Orders_changing_state_mid_read_are_neither_lost_nor_repeated()
    {
        using var connection = sandbox.Billbee();
        var seen = new List<long>();
        var all = sandbox.Server.Billbee.Orders;
        var query = new BillbeeOrderQuery { ModifiedUntil = DateTime.Today.AddYears(1), MinimumOrderId = all[^1200].BillbeeOrderId };
        await foreach (var order in connection.Client.GetOrdersAsync(query, CancellationToken.None))
        {
            seen.Add(order.BillbeeOrderId);
            if (seen.Count == 100)
                lock (sandbox.Server.Billbee.SyncRoot)
                    foreach (var o in all.Where(o => o.BillbeeOrderId < order.BillbeeOrderId).TakeLast(50)) o.State = 7; // pages shrink under offset paging
        }
        Assert.Equal(all.Skip(all.Count - 1200).Select(o => o.BillbeeOrderId), seen);
    }

    [Fact]
    public async Task State_names_come_in_English_and_German()
    {
        using var connection = sandbox.Billbee();
        var states = await connection.Client.GetOrderStatesAsync(CancellationToken.None);
        var paid = states.Single(s => s.Id == 3);
        Assert.Equal(("Zahlung_erhalten", "Paid", "Bezahlt"), (paid.Name, paid.EnglishName, paid.GermanName));
        // Changed (issue 14): the API lists 1–16; 17 (Retoure), which orders can be in, is added and marked as not listed.
        Assert.Equal(Enumerable.Range(1, 16), states.Where(s => s.ListedByApi).Select(s => s.Id));
        Assert.Equal(("Retoure", false), (states.Single(s => s.Id == 17).Name, states.Single(s => s.Id == 17).ListedByApi));
    }

    [Fact]
    public async Task A_wrong_API_password_is_told_apart_from_a_refused_key_and_an_inactive_API()
    {
        using var wrongPassword = sandbox.Billbee(password: "Wrong-Password-1");
        using var revokedKey = sandbox.Billbee(apiKey: sandbox.Server.Billbee.RevokedApiKey);
        using var inactive = sandbox.Billbee(user: sandbox.Server.Billbee.ApiDisabledUser.Username, password: sandbox.Server.Billbee.ApiDisabledUser.ApiPassword);
        var results = await Task.WhenAll(wrongPassword.Client.TestConnectionAsync(default), revokedKey.Client.TestConnectionAsync(default), inactive.Client.TestConnectionAsync(default));
        Assert.Equal(new[] { "Billbee.Authentication", "Billbee.ApiKey", "Billbee.NotActivated" }, results.Select(r => r.ErrorId));
        Assert.All(results, r => Assert.False(r.Success));
        Assert.Contains("API password", results[0].Fix);
        Assert.Contains("X-Billbee-Api-Key", results[1].Fix);
        Assert.Contains("Settings", results[2].Fix);
    }

    [Fact]
    public async Task A_state_change_reaches_the_service()
    {
        using var connection = sandbox.Billbee();
        var order = sandbox.Server.Billbee.Orders[42];
        var target = order.State == 4 ? 7 : 4;
        await connection.Client.SetOrderStateAsync(order.BillbeeOrderId, target, CancellationToken.None);
        var read = await connection.Client.GetOrderAsync(order.BillbeeOrderId, CancellationToken.None);
        Assert.Equal(target, read.State);
    }

    [Fact]
    public async Task An_unknown_order_id_is_not_found()
    {
        using var connection = sandbox.Billbee();
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetOrderAsync(1, CancellationToken.None));
        Assert.Equal(ErrorReason.NotFound, ex.Reason);
        Assert.Equal(404, ex.HttpStatus);
    }
}
