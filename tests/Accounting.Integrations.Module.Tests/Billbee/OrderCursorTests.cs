using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Billbee;

namespace Accounting.Integrations.Module.Tests.Billbee;

/// <summary>
/// Order paging whatever the order within a page (billbee.md §5 does not document it), and a cursor that does not
/// move: the read must stop with Billbee.PagingStalled instead of asking the same again (calls past 100 000 a month are billed).
/// </summary>
[Collection("Module")]
public class OrderCursorTests(ModuleSession session)
{
    List<long> AllIds()
    {
        lock (session.Sandbox.Billbee.SyncRoot) return session.Sandbox.Billbee.Orders.Select(o => o.BillbeeOrderId).OrderBy(i => i).ToList();
    }

    [Fact]
    public void Pages_with_the_highest_id_first_deliver_every_order_once_at_the_normal_call_count()
    {
        session.ResetSandbox();
        session.Sandbox.Billbee.Options.OrderPaging = BillbeeOrderPaging.DescendingWithinPage;
        try
        {
            var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder | ForEach-Object BillbeeOrderId");
            result.ShouldSucceed();
            var ids = result.Output.Select(o => (long)o.BaseObject).ToList();
            var expected = AllIds();
            Assert.True(expected.Count >= 10_000);
            Assert.Equal(expected.Count, ids.Distinct().Count());
            Assert.Equal(expected, ids.OrderBy(i => i));
            var calls = session.Sandbox.State.Log.Snapshot("billbee").Count(r => r.Path.EndsWith("/orders"));
            Assert.Equal((expected.Count + 249) / 250, calls); // 250 a page, and Paging.TotalRows saves the empty last call
        }
        finally
        {
            session.Sandbox.Billbee.Options.OrderPaging = BillbeeOrderPaging.Ascending;
        }
    }

    [Fact]
    public void A_cursor_that_does_not_move_stops_after_two_calls_with_PagingStalled()
    {
        session.ResetSandbox();
        session.Sandbox.Billbee.Options.OrderPaging = BillbeeOrderPaging.IgnoreMinimumId;
        try
        {
            var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder | ForEach-Object BillbeeOrderId");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Billbee.PagingStalled", error.FullyQualifiedErrorId);
            Assert.Contains("did not move", error.ToString());
            Assert.Equal(AllIds().Take(250), result.Output.Select(o => (long)o.BaseObject)); // the first page, once
            Assert.Equal(2, session.Sandbox.State.Log.Snapshot("billbee").Count(r => r.Path.EndsWith("/orders")));
        }
        finally
        {
            session.Sandbox.Billbee.Options.OrderPaging = BillbeeOrderPaging.Ascending;
        }
    }
}
