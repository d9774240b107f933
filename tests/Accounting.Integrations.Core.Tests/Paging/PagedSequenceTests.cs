using Accounting.Integrations.Core.Paging;

namespace Accounting.Integrations.Core.Tests.Paging;

public class PagedSequenceTests
{
    [Fact]
    public async Task The_next_page_is_fetched_while_the_caller_consumes_the_current_one()
    {
        var secondRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Page<int>> Fetch(object cursor, CancellationToken ct)
        {
            var page = (int)cursor;
            if (page == 2) secondRequested.TrySetResult();
            return Task.FromResult(new Page<int>(new[] { page * 10, page * 10 + 1 }, page < 3 ? page + 1 : null));
        }
        await using var items = PagedSequence.Stream<int>("Test", "reading", 1, Fetch).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(10, items.Current);
        // Still on the first item of page 1, and page 2 is already on its way.
        Assert.True(secondRequested.Task.IsCompleted);
    }

    [Fact]
    public async Task Every_item_arrives_once_in_order()
    {
        var all = new List<int>();
        await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0,
            (c, ct) => Task.FromResult(new Page<int>(Enumerable.Range((int)c * 100, 100).ToArray(), (int)c < 9 ? (int)c + 1 : null))))
            all.Add(i);
        Assert.Equal(Enumerable.Range(0, 1000), all);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_page_in_flight_and_asks_for_no_more()
    {
        var requested = new List<int>();
        var inFlightCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Page<int>> Fetch(object cursor, CancellationToken ct)
        {
            var page = (int)cursor;
            lock (requested) requested.Add(page);
            if (page == 1) return new Page<int>(new[] { 1, 2, 3 }, 2);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { inFlightCancelled.TrySetResult(true); throw; }
            return null;
        }
        await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 1, Fetch))
            if (i == 2) break;
        Assert.True(await inFlightCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new[] { 1, 2 }, requested);
    }
}
