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

/// <summary>
/// Offset pages fetched ahead (two requests in flight) and several reads in turn: every assertion is on which
/// requests were issued when, by counters and hand-completed tasks, never on the clock.
/// </summary>
public class PagedSequenceAheadTests
{
    /// <summary>Pages the test completes by hand: page n holds n*10 .. n*10+9, a full page of 10.</summary>
    sealed class HandPages
    {
        readonly object _gate = new();
        public readonly Dictionary<int, TaskCompletionSource<Page<int>>> Requests = new();
        public readonly Dictionary<int, CancellationToken> Tokens = new();
        public int Last; // the last page that exists
        public long? Hint;

        public Task<Page<int>> Fetch(object cursor, CancellationToken ct)
        {
            var from = (int)cursor;
            var tcs = new TaskCompletionSource<Page<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) { Requests[from / 10] = tcs; Tokens[from / 10] = ct; }
            ct.Register(() => tcs.TrySetCanceled(ct));
            return tcs.Task;
        }

        public int[] Requested { get { lock (_gate) return Requests.Keys.OrderBy(k => k).ToArray(); } }

        public void Answer(int page)
        {
            var items = page <= Last ? Enumerable.Range(page * 10, page < Last ? 10 : 5).ToArray() : new int[0];
            Requests[page].SetResult(new Page<int>(items, items.Length < 10 ? null : (object)((page + 1) * 10), Hint));
        }

        public static object Guess(object from, long? total) => total is long t && (int)from + 10 < t ? (object)((int)from + 10) : null;
    }

    /// <summary>Waits for the reader (on another thread) to get somewhere; a bound for a hang, not a timing.</summary>
    static async Task Until(Func<bool> condition)
    {
        var bound = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && bound.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(1);
        Assert.True(condition());
    }

    [Fact]
    public async Task Page_n_plus_1_is_requested_before_page_n_has_arrived_and_no_more_than_two_are_in_flight()
    {
        var pages = new HandPages { Last = 5, Hint = 55 };
        await using var items = PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2).GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        Assert.Equal(new[] { 0 }, pages.Requested); // the first page alone: nothing is known about the read yet
        pages.Answer(0);
        Assert.True(await first);
        // Still on the first item of page 0: page 1 (its Next) and page 2 (guessed from the hint) are both in flight.
        Assert.Equal(new[] { 0, 1, 2 }, pages.Requested);
        for (var i = 1; i < 10; i++) Assert.True(await items.MoveNextAsync());
        var eleventh = items.MoveNextAsync().AsTask();
        await Task.Yield();
        Assert.False(eleventh.IsCompleted); // page 1 has not arrived
        Assert.Equal(new[] { 0, 1, 2 }, pages.Requested); // and nothing more is asked for: bounded at two ahead
        pages.Answer(1);
        Assert.True(await eleventh);
        Assert.Equal(10, items.Current);
        Assert.Equal(new[] { 0, 1, 2, 3 }, pages.Requested); // page 1 arrived: page 2 in flight, page 3 guessed
    }

    [Fact]
    public async Task Every_item_arrives_once_in_order_whichever_page_answers_first()
    {
        var pages = new HandPages { Last = 5, Hint = 55 };
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2)) all.Add(i); });
        await Until(() => pages.Requested.Length == 1);
        pages.Answer(0);
        for (var n = 1; n <= 5; n += 2)
        {
            // Answer the later page of the two in flight first.
            await Until(() => pages.Requested.Contains(n) && (n == 5 || pages.Requested.Contains(n + 1)));
            if (n < 5) pages.Answer(n + 1);
            pages.Answer(n);
        }
        await reading;
        Assert.Equal(Enumerable.Range(0, 55), all);
        Assert.Equal(Enumerable.Range(0, 6), pages.Requested); // calls at the floor: the hint was right
    }

    [Fact]
    public async Task A_hint_that_is_too_low_never_ends_the_read_early()
    {
        var pages = new HandPages { Last = 5, Hint = 12 }; // fullResultSize says 12, there are 55
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2)) all.Add(i); });
        for (var n = 0; n <= 5; n++)
        {
            await Until(() => pages.Requested.Contains(n));
            pages.Answer(n);
        }
        await reading;
        Assert.Equal(Enumerable.Range(0, 55), all);
    }

    [Fact]
    public async Task A_guessed_page_past_the_end_is_discarded_and_its_failure_is_not_the_read_s()
    {
        var pages = new HandPages { Last = 1, Hint = 100 }; // the hint promises more than there is
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2)) all.Add(i); });
        await Until(() => pages.Requested.Length == 1);
        pages.Answer(0);
        await Until(() => pages.Requested.Length == 3);
        pages.Requests[2].SetException(new InvalidOperationException("page 2 is past the end"));
        pages.Answer(1); // short: the last
        await reading;
        Assert.Equal(Enumerable.Range(0, 15), all);
    }

    [Fact]
    public async Task A_failure_of_the_page_fetched_ahead_surfaces_after_every_item_before_it()
    {
        var pages = new HandPages { Last = 5, Hint = 55 };
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2)) all.Add(i); });
        await Until(() => pages.Requested.Length == 1);
        pages.Answer(0);
        await Until(() => pages.Requested.Length == 3);
        pages.Requests[2].SetException(new InvalidOperationException("page 2 failed"));
        await Task.Yield();
        Assert.False(reading.IsCompleted); // page 1 is still to come: the failure waits for its turn
        pages.Answer(1);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => reading);
        Assert.Equal("page 2 failed", ex.Message);
        Assert.Equal(Enumerable.Range(0, 20), all);
    }

    [Fact]
    public async Task Cancelling_cancels_both_requests_in_flight_at_once()
    {
        var pages = new HandPages { Last = 5, Hint = 55 };
        using var cts = new CancellationTokenSource();
        await using var items = PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch, HandPages.Guess, 2, cts.Token).GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        pages.Answer(0);
        Assert.True(await first);
        cts.Cancel();
        Assert.True(pages.Tokens[1].IsCancellationRequested);
        Assert.True(pages.Tokens[2].IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => items.MoveNextAsync().AsTask());
        Assert.Equal(new[] { 0, 1, 2 }, pages.Requested);
    }

    sealed class TurnPages
    {
        public readonly List<(int Read, int Page)> Requests = new();
        readonly Dictionary<(int, int), TaskCompletionSource<Page<string>>> _answers = new();

        public Task<Page<string>> Fetch(int read, object cursor, CancellationToken ct)
        {
            var tcs = new TaskCompletionSource<Page<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Requests) { Requests.Add((read, (int)cursor)); _answers[(read, (int)cursor)] = tcs; }
            ct.Register(() => tcs.TrySetCanceled(ct)); // as a real fetch does: an abandoned page ends
            return tcs.Task;
        }

        public void Answer(int read, int page, bool last)
        {
            TaskCompletionSource<Page<string>> tcs;
            lock (Requests) tcs = _answers[(read, page)];
            tcs.TrySetResult(new Page<string>(new[] { $"{read}:{page}" }, last ? null : (object)(page + 1)));
        }

        public bool Asked(int read, int page) { lock (Requests) return Requests.Contains((read, page)); }
        public int Count { get { lock (Requests) return Requests.Count; } }
    }

    [Fact]
    public async Task Reads_in_turn_keep_a_fixed_order_whatever_answers_first_and_make_no_extra_request()
    {
        var pages = new TurnPages();
        var all = new List<string>();
        var reading = Task.Run(async () => { await foreach (var s in PagedSequence.InTurn<string>("Test", "reading", new object[] { 0, 0, 0 }, pages.Fetch)) all.Add(s); });
        await Until(() => pages.Count == 3);
        Assert.Equal(new[] { (0, 0), (1, 0), (2, 0) }, pages.Requests); // three reads, three requests at once
        pages.Answer(2, 0, last: false); // the third answers first
        pages.Answer(1, 0, last: true);
        pages.Answer(0, 0, last: false);
        await Until(() => pages.Asked(0, 1) && pages.Asked(2, 1));
        pages.Answer(2, 1, last: true);
        pages.Answer(0, 1, last: true);
        await reading;
        Assert.Equal(new[] { "0:0", "1:0", "2:0", "0:1", "2:1" }, all);
        Assert.Equal(5, pages.Count); // the floor: each page once, nothing after a last page
    }

    [Fact]
    public async Task A_read_asks_for_its_next_page_when_a_page_arrives_not_when_its_turn_comes_and_stays_one_page_ahead()
    {
        // Issue 21: a slow answer of the first monitor's read held the other reads' next requests (head-of-line blocking).
        var pages = new TurnPages();
        var all = new List<string>();
        var reading = Task.Run(async () => { await foreach (var s in PagedSequence.InTurn<string>("Test", "reading", new object[] { 0, 0 }, pages.Fetch)) lock (all) all.Add(s); });
        await Until(() => pages.Count == 2);
        pages.Answer(1, 0, last: false);
        await Until(() => pages.Asked(1, 1)); // while read 0's first answer is still awaited: fails when only the turn asks
        pages.Answer(1, 1, last: false);
        // Read 1 is now a page ahead of its turn (page 0 waits for read 0, page 1 has arrived): page 2 waits for the turn.
        pages.Answer(0, 0, last: false);
        await Until(() => pages.Asked(0, 1) && pages.Asked(1, 2));
        var asked = pages.Requests.ToList();
        Assert.True(asked.IndexOf((1, 2)) > asked.IndexOf((1, 1)));
        lock (all) Assert.Equal(new[] { "0:0", "1:0" }, all.Take(2)); // page 2 of read 1 was asked only once its page 0 had its turn
        Assert.Equal(5, pages.Count);
        pages.Answer(0, 1, last: true);
        pages.Answer(1, 2, last: true);
        await reading;
        Assert.Equal(new[] { "0:0", "1:0", "0:1", "1:1", "1:2" }, all);
        Assert.Equal(5, pages.Count);
    }

    [Fact]
    public async Task A_read_stopped_early_abandons_the_page_it_asked_for_ahead()
    {
        var pages = new TurnPages();
        using var cts = new CancellationTokenSource();
        var tokens = new List<CancellationToken>();
        Task<Page<string>> Fetch(int read, object cursor, CancellationToken ct) { lock (tokens) tokens.Add(ct); return pages.Fetch(read, cursor, ct); }
        await using var items = PagedSequence.InTurn<string>("Test", "reading", new object[] { 0, 0 }, Fetch, cts.Token).GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        pages.Answer(1, 0, last: false);
        await Until(() => pages.Asked(1, 1));
        pages.Answer(0, 0, last: false);
        Assert.True(await first);
        await items.DisposeAsync();
        lock (tokens) Assert.All(tokens.Skip(2), t => Assert.True(t.IsCancellationRequested)); // the pages asked ahead are abandoned
    }
}

/// <summary>
/// A read whose fetch names the next page's cursor before its own page is complete (Billbee: the highest id read off
/// the body's bytes, before the parse): which requests are made when, by hand-completed tasks, never by the clock.
/// </summary>
public class PagedSequenceNamedNextTests
{
    /// <summary>Pages of 10 by cursor n*10; the test names a cursor and answers each page by hand.</summary>
    sealed class NamingPages
    {
        readonly object _gate = new();
        public readonly Dictionary<int, TaskCompletionSource<Page<int>>> Requests = new();
        public readonly Dictionary<int, Action<object>> Namers = new();
        public readonly Dictionary<int, CancellationToken> Tokens = new();
        public readonly List<int> Order = new();
        public int Last = 3;

        public Task<Page<int>> Fetch(object cursor, Action<object> nextCursorKnown, CancellationToken ct)
        {
            var from = (int)cursor;
            var tcs = new TaskCompletionSource<Page<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) { Requests[from] = tcs; Namers[from] = nextCursorKnown; Tokens[from] = ct; Order.Add(from); }
            ct.Register(() => tcs.TrySetCanceled(ct));
            return tcs.Task;
        }

        public void Name(int from, object next) { Action<object> namer; lock (_gate) namer = Namers[from]; namer(next); }

        public void Answer(int from)
        {
            TaskCompletionSource<Page<int>> tcs;
            lock (_gate) tcs = Requests[from];
            var page = from / 10;
            tcs.SetResult(new Page<int>(Enumerable.Range(from, 10).ToArray(), page < Last ? (object)(from + 10) : null));
        }

        public int[] Requested { get { lock (_gate) return Order.ToArray(); } }
        public bool Asked(int from) { lock (_gate) return Requests.ContainsKey(from); }
    }

    static async Task Until(Func<bool> condition)
    {
        var bound = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && bound.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(1);
        Assert.True(condition());
    }

    [Fact]
    public async Task A_cursor_named_before_its_page_is_complete_is_asked_for_at_once_and_makes_no_extra_call()
    {
        var pages = new NamingPages();
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch)) lock (all) all.Add(i); });
        await Until(() => pages.Asked(0));
        pages.Name(0, 10); // page 0's body is in, its parse is not done
        await Until(() => pages.Asked(10)); // fails where the next page waits for this one to complete
        lock (all) Assert.Empty(all);
        pages.Answer(0);
        for (var from = 10; from < 30; from += 10)
        {
            pages.Name(from, from + 10);
            await Until(() => pages.Asked(from + 10));
            pages.Answer(from);
        }
        pages.Answer(30); // the last: it names nothing
        await reading;
        Assert.Equal(Enumerable.Range(0, 40), all);
        Assert.Equal(new[] { 0, 10, 20, 30 }, pages.Requested); // each page once: calls at the floor
    }

    [Fact]
    public async Task A_wrongly_named_cursor_is_abandoned_and_the_page_s_own_cursor_is_read()
    {
        var pages = new NamingPages { Last = 1 };
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch)) all.Add(i); });
        await Until(() => pages.Asked(0));
        pages.Name(0, 99);
        await Until(() => pages.Asked(99));
        pages.Answer(0); // its Next is 10, not 99
        await Until(() => pages.Asked(10));
        Assert.True(pages.Tokens[99].IsCancellationRequested);
        pages.Answer(10);
        await reading;
        Assert.Equal(Enumerable.Range(0, 20), all);
        Assert.Equal(new[] { 0, 99, 10 }, pages.Requested);
    }

    [Fact]
    public async Task A_cursor_named_on_the_last_page_is_abandoned_and_its_failure_is_not_the_read_s()
    {
        var pages = new NamingPages { Last = 0 };
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch)) all.Add(i); });
        await Until(() => pages.Asked(0));
        pages.Name(0, 10);
        await Until(() => pages.Asked(10));
        pages.Requests[10].SetException(new InvalidOperationException("past the end"));
        pages.Answer(0); // the last page: Next is null
        await reading;
        Assert.Equal(Enumerable.Range(0, 10), all);
    }

    [Fact]
    public async Task Only_the_first_name_counts_and_a_null_one_asks_for_nothing()
    {
        var pages = new NamingPages { Last = 1 };
        var all = new List<int>();
        var reading = Task.Run(async () => { await foreach (var i in PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch)) all.Add(i); });
        await Until(() => pages.Asked(0));
        pages.Name(0, null);
        pages.Name(0, 10);
        pages.Name(0, 55);
        await Until(() => pages.Asked(10));
        pages.Answer(0);
        pages.Answer(10);
        await reading;
        Assert.Equal(new[] { 0, 10 }, pages.Requested);
        Assert.Equal(Enumerable.Range(0, 20), all);
    }

    [Fact]
    public async Task A_name_from_the_page_ahead_waits_until_the_reader_waits_for_that_page_so_the_read_stays_one_page_ahead()
    {
        var pages = new NamingPages { Last = 3 };
        await using var items = PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch).GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        await Until(() => pages.Asked(0));
        pages.Answer(0);
        Assert.True(await first);
        Assert.Equal(new[] { 0, 10 }, pages.Requested); // page 0 taken: page 1 in flight, as for any read
        pages.Name(10, 20); // page 1's body is in while the reader is still on page 0
        await Task.Yield();
        Assert.Equal(new[] { 0, 10 }, pages.Requested); // not two pages ahead of the reader
        for (var i = 1; i < 10; i++) Assert.True(await items.MoveNextAsync());
        var eleventh = items.MoveNextAsync().AsTask(); // now the reader waits for page 1
        await Until(() => pages.Asked(20));
        Assert.False(eleventh.IsCompleted);
        pages.Answer(10);
        Assert.True(await eleventh);
        Assert.Equal(10, items.Current);
        Assert.Equal(new[] { 0, 10, 20 }, pages.Requested);
    }

    [Fact]
    public async Task Stopping_early_abandons_the_named_page_in_flight()
    {
        var pages = new NamingPages { Last = 3 };
        await using (var items = PagedSequence.Stream<int>("Test", "reading", 0, pages.Fetch).GetAsyncEnumerator())
        {
            var first = items.MoveNextAsync().AsTask();
            await Until(() => pages.Asked(0));
            pages.Name(0, 10);
            await Until(() => pages.Asked(10));
            pages.Answer(0);
            Assert.True(await first);
        }
        Assert.True(pages.Tokens[10].IsCancellationRequested);
        Assert.Equal(new[] { 0, 10 }, pages.Requested);
    }
}
