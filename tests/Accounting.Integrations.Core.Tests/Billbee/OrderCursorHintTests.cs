using System.Text;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Tests.Fuzz;
using CsCheck;

namespace Accounting.Integrations.Core.Tests.Billbee;

/// <summary>
/// The next order page's cursor read off the body's bytes before the parse, so the next request goes while the page
/// is parsed: it is either null (the read waits for the parse, as before) or exactly the cursor the parsed page gives.
/// </summary>
public class OrderCursorHintTests
{
    const string Key = "\"BillBeeOrderId\":";

    static string Order(long id, string key = Key, string extra = "") => $"{{\"Id\":\"x{id}\",{key}{id},\"State\":3,\"Tags\":[]{extra}}}";

    static byte[] Body(IEnumerable<string> orders, long totalRows, string pagingSpace = "") =>
        Encoding.UTF8.GetBytes($"{{\"Paging\":{{\"Page\":1,\"TotalPages\":9,\"TotalRows\":{pagingSpace}{totalRows},\"PageSize\":250}},\"ErrorMessage\":null,\"ErrorCode\":0,"
            + $"\"ErrorDescription\":\"NoError\",\"Data\":[{string.Join(",", orders)}]}}");

    static long? Hint(byte[] body, long minimumId, int pageSize) => BillbeeClient.NextCursorHint(new ArraySegment<byte>(body), minimumId, pageSize);

    /// <summary>The cursor the read takes from the parsed page (null: the last page; a stalled page throws).</summary>
    static object Exact(byte[] body, long minimumId, int pageSize) =>
        BillbeeClient.KeysetPage(BillbeeClient.ParseOrdersPage(new ApiResponse(200, "OK", null, new ApiResponse.BodyBytes(new ArraySegment<byte>(body), Encoding.UTF8),
            TimeSpan.Zero, new Uri("http://127.0.0.1/"))), minimumId, pageSize).Next;

    [Fact]
    public void A_full_page_with_more_to_come_names_the_highest_id_plus_one_whatever_the_order_within_it()
    {
        var body = Body(new[] { Order(17), Order(30), Order(12) }, totalRows: 10);
        Assert.Equal(31L, Hint(body, minimumId: 12, pageSize: 3));
        Assert.Equal((object)31L, Exact(body, 12, 3));
    }

    [Theory]
    [InlineData("last full page", 3, 3)]      // TotalRows says nothing remains: the read ends, no call to name
    [InlineData("short page", 2, 10)]          // fewer than a page: the last
    public void The_last_page_names_nothing(string _, int orders, long totalRows)
    {
        var body = Body(Enumerable.Range(1, orders).Select(i => Order(i)), totalRows);
        Assert.Null(Hint(body, 1, 3));
        Assert.Null(Exact(body, 1, 3));
    }

    [Fact]
    public void A_page_with_no_id_at_the_cursor_names_nothing_so_a_stalled_read_makes_no_third_call()
    {
        var body = Body(new[] { Order(1), Order(2), Order(3) }, totalRows: 10);
        Assert.Null(Hint(body, minimumId: 4, pageSize: 3));
        Assert.Equal(ErrorReason.PagingStalled, Assert.Throws<ServiceException>(() => Exact(body, 4, 3)).Reason);
    }

    [Theory]
    [InlineData("\"BillBee\\u004FrderId\":")] // the key written with an escape: the scan cannot see it
    [InlineData("\"BillBeeOrderId\" :")]      // a blank before the colon
    public void A_key_the_scan_cannot_see_names_nothing(string key)
    {
        var body = Body(new[] { Order(1), Order(2, key), Order(3) }, totalRows: 10);
        Assert.Null(Hint(body, 1, 3));
        Assert.Equal((object)4L, Exact(body, 1, 3)); // the parse still reads it: the read goes on, only without the head start
    }

    [Fact]
    public void The_key_s_text_inside_a_string_value_is_not_an_id()
    {
        var decoy = ",\"Comment\":\"\\\"BillBeeOrderId\\\":999\"";
        var body = Body(new[] { Order(1, extra: decoy), Order(2), Order(3) }, totalRows: 10);
        Assert.Equal(4L, Hint(body, 1, 3));
        Assert.Equal((object)4L, Exact(body, 1, 3));
    }

    [Theory]
    [InlineData("\"5\"")]        // an id as text: the parse reads it, the scan does not guess
    [InlineData("5.0")]
    [InlineData("99999999999999999999")]
    public void An_id_that_is_not_a_plain_integer_names_nothing(string id)
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body(new[] { Order(1), Order(2), Order(3) }, 10)).Replace(Key + "2,", Key + id + ","));
        Assert.Null(Hint(body, 1, 3));
    }

    [Fact]
    public void Blanks_after_the_colons_are_read()
    {
        var body = Body(new[] { Order(1, Key + " "), Order(2, Key + "\n\t"), Order(8) }, totalRows: 10, pagingSpace: " ");
        Assert.Equal(9L, Hint(body, 1, 3));
        Assert.Equal((object)9L, Exact(body, 1, 3));
    }

    [Fact]
    public void Any_page_s_named_cursor_is_none_or_exactly_the_parsed_page_s()
    {
        var named = 0;
        var keys = Gen.OneOf(Gen.Const(Key), Gen.Const(Key), Gen.Const(Key), Gen.Const(Key + " "), Gen.Const("\"BillBee\\u004FrderId\":"), Gen.Const("\"BillBeeOrderId\" : "));
        var decoys = Gen.OneOf(Gen.Const(""), Gen.Const(""), Gen.Const(",\"Note\":\"\\\"BillBeeOrderId\\\":77\""), Gen.Const(",\"Note\":\"BillBeeOrderId\""));
        var order = Gen.Select(Gen.Long[0, 60], keys, decoys).Select((id, key, decoy) => Order(id, key, decoy));
        Gen.Select(Gen.Int[1, 5], Gen.Long[0, 60], Gen.Long[0, 12], Gen.Bool).SelectMany((pageSize, minimumId, totalRows, full) =>
                (full ? order.Array[pageSize] : order.Array[0, pageSize]).Select(orders => (pageSize, minimumId, totalRows, orders)))
            .Sample(c =>
            {
                var body = Body(c.orders, c.totalRows);
                var hint = Hint(body, c.minimumId, c.pageSize);
                object exact;
                try { exact = Exact(body, c.minimumId, c.pageSize); }
                catch (ServiceException e) when (e.Reason == ErrorReason.PagingStalled) { Assert.Null(hint); return; }
                if (hint != null) { Assert.Equal(exact, (object)hint.Value); Interlocked.Increment(ref named); }
            }, iter: FuzzScale.Iter(3000), threads: 1);
        Assert.True(named > 100, $"only {named} pages named a cursor: the property says little");
    }
}
