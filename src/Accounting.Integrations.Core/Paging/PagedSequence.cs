using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Paging
{
    /// <summary>
    /// Streams a paged read: items are yielded as each page arrives, and the next page is already being
    /// fetched while the caller consumes the current one. Where the cursor of a later page can be known
    /// before the page before it arrives (offset paging), <see cref="Stream{T}(string, string, object, Func{object, CancellationToken, Task{Page{T}}}, Func{object, long?, object}, int, CancellationToken)"/>
    /// keeps up to that many requests in flight, so a high-latency link still reaches the service's limit. Where the
    /// next cursor shows in a page's body before the page is parsed (keyset paging), the fetch can name it early and
    /// the next request goes while the page is parsed.
    /// Output order is always the pages' order; memory is bounded by the page being read plus the pages ahead.
    /// </summary>
    public static class PagedSequence
    {
        /// <summary>The most pages requested ahead of the one being read (each one request in flight).</summary>
        public const int MaxAhead = 2;

        public static IAsyncEnumerable<T> Stream<T>(
            string service, string activity, object firstCursor,
            Func<object, CancellationToken, Task<Page<T>>> fetchPage,
            CancellationToken cancellationToken = default) =>
            Stream(service, activity, firstCursor, fetchPage, null, 1, cancellationToken);

        /// <summary>
        /// Like the plain stream, for a read whose next cursor is known before its page is: <paramref name="fetchPage"/>
        /// gets a callback, <c>nextCursorKnown</c>, to name the next page's cursor as soon as it can (e.g. from the body's
        /// bytes, before they are parsed), and that page is asked for at once while this one is still being read, when the
        /// read is waiting for this page. Only the first name counts. It is only a head start, as a guess is: the page's own
        /// <see cref="Page{T}.Next"/> decides, and a page named wrongly is discarded, so a wrong name can cost a call but
        /// never a record or a wrong error.
        /// </summary>
        public static IAsyncEnumerable<T> Stream<T>(
            string service, string activity, object firstCursor,
            Func<object, Action<object>, CancellationToken, Task<Page<T>>> fetchPage,
            CancellationToken cancellationToken = default)
            => Read(service, activity, firstCursor, new PageFetch<T>(fetchPage), null, 1, cancellationToken);

        /// <summary>
        /// Like the plain stream, and also asks for pages whose cursor <paramref name="guessNext"/> predicts from the
        /// cursor before it and the last total the service hinted at (null: no guess, e.g. the hint says the read ends
        /// there), up to <paramref name="ahead"/> requests in flight. A guess is only a head start: each page's own
        /// <see cref="Page{T}.Next"/> decides. A page that ends the read (or points elsewhere) discards the guessed
        /// requests after it, failures included, so a guess can cost a call but never a record or a wrong error.
        /// </summary>
        public static IAsyncEnumerable<T> Stream<T>(
            string service, string activity, object firstCursor,
            Func<object, CancellationToken, Task<Page<T>>> fetchPage,
            Func<object, long?, object> guessNext, int ahead,
            CancellationToken cancellationToken = default)
            => Read(service, activity, firstCursor, new PageFetch<T>(fetchPage), guessNext, ahead, cancellationToken);

        static async IAsyncEnumerable<T> Read<T>(
            string service, string activity, object firstCursor, PageFetch<T> fetchPage,
            Func<object, long?, object> guessNext, int ahead,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // Checked when the read starts, as before: an iterator runs nothing until it is enumerated.
            if (fetchPage.Plain == null && fetchPage.NamingNext == null) throw new ArgumentNullException(nameof(fetchPage));
            if (ahead < 1 || ahead > MaxAhead) throw new ArgumentOutOfRangeException(nameof(ahead), $"Between 1 and {MaxAhead} pages ahead.");
            var observer = CallObserverScope.Current;
            var pages = 0;
            long items = 0;
            var queue = new List<Pending<T>>(ahead + 1);
            queue.Add(Pending<T>.Start(firstCursor, fetchPage, cancellationToken));
            try
            {
                while (queue.Count > 0)
                {
                    var head = queue[0];
                    queue.RemoveAt(0);
                    Page<T> page;
                    try
                    {
                        // Nothing ahead yet and the fetch may name its successor before its page is complete: ask for that
                        // page the moment it is named (the body arrived), while this one is still being parsed.
                        if (queue.Count == 0 && head.NextKnown != null && !head.Task.IsCompleted
                            && await Task.WhenAny(head.Task, head.NextKnown).ConfigureAwait(false) == head.NextKnown)
                            queue.Add(Pending<T>.Start(head.NextKnown.Result, fetchPage, cancellationToken));
                        page = await head.Task.ConfigureAwait(false);
                    }
                    finally { head.Dispose(); }
                    if (queue.Count > 0 && (page.Next == null || !Equals(queue[0].Cursor, page.Next)))
                        await DiscardAsync(queue).ConfigureAwait(false); // guessed past the end, or wrongly: those pages are not part of the read
                    if (queue.Count == 0 && page.Next != null) queue.Add(Pending<T>.Start(page.Next, fetchPage, cancellationToken));
                    while (guessNext != null && queue.Count > 0 && queue.Count < ahead)
                    {
                        var guess = guessNext(queue[queue.Count - 1].Cursor, page.TotalItems);
                        if (guess == null) break;
                        queue.Add(Pending<T>.Start(guess, fetchPage, cancellationToken));
                    }
                    pages++;
                    items += page.Items.Count;
                    observer?.OnPage(new PageProgress { Service = service, Activity = activity, PagesRead = pages, ItemsRead = items, TotalItems = page.TotalItems });
                    foreach (var item in page.Items)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return item;
                    }
                }
            }
            finally
            {
                // The caller stopped early (First, Ctrl+C, an error): abandon the pages in flight.
                await DiscardAsync(queue).ConfigureAwait(false);
                observer?.OnPage(new PageProgress { Service = service, Activity = activity, PagesRead = pages, ItemsRead = items, Completed = true });
            }
        }

        /// <summary>
        /// Several paged reads at once: their pages are yielded in turn (the first page of each read in the order given,
        /// then the second of each, …), each read's own pages in order, so the output order is fixed whatever answers
        /// first. Each read asks for its next page the moment a page arrives, not when its turn comes: a slow answer of
        /// one read no longer holds the others' requests. A read is at most one page ahead of its turn (one page waiting,
        /// one in flight), so memory stays bounded by two pages per read.
        /// </summary>
        public static async IAsyncEnumerable<T> InTurn<T>(
            string service, string activity, IReadOnlyList<object> firstCursors,
            Func<int, object, CancellationToken, Task<Page<T>>> fetchPage,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (fetchPage == null) throw new ArgumentNullException(nameof(fetchPage));
            var observer = CallObserverScope.Current;
            var pages = 0;
            long items = 0;
            var reads = new ReadAhead<T>[firstCursors.Count];
            for (var i = 0; i < reads.Length; i++)
            {
                var read = i;
                reads[i] = new ReadAhead<T>(firstCursors[i], (c, ct) => fetchPage(read, c, ct), cancellationToken);
            }
            try
            {
                for (var active = reads.Length; active > 0;)
                {
                    foreach (var read in reads)
                    {
                        if (read.Done) continue;
                        var page = await read.TakeAsync().ConfigureAwait(false);
                        if (read.Done) active--;
                        pages++;
                        items += page.Items.Count;
                        observer?.OnPage(new PageProgress { Service = service, Activity = activity, PagesRead = pages, ItemsRead = items });
                        foreach (var item in page.Items)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            yield return item;
                        }
                    }
                }
            }
            finally
            {
                foreach (var read in reads) await read.AbandonAsync().ConfigureAwait(false);
                observer?.OnPage(new PageProgress { Service = service, Activity = activity, PagesRead = pages, ItemsRead = items, Completed = true });
            }
        }

        /// <summary>
        /// One read of <see cref="InTurn{T}"/>: the page taken last, and the one after it, requested as soon as its cursor
        /// is known (the page before it arrived) and the read is no more than one page ahead of its turn.
        /// </summary>
        sealed class ReadAhead<T>
        {
            readonly PageFetch<T> _fetch;
            readonly CancellationToken _cancellationToken;
            readonly object _gate = new object();
            // The page the next TakeAsync returns (requested, perhaps answered) and, once it is answered, the one after it.
            Pending<T> _head;
            Pending<T> _ahead;
            bool _abandoned;

            public ReadAhead(object firstCursor, Func<object, CancellationToken, Task<Page<T>>> fetch, CancellationToken cancellationToken)
            {
                _fetch = new PageFetch<T>(fetch);
                _cancellationToken = cancellationToken;
                _head = Start(firstCursor);
            }

            /// <summary>True once the read's last page has been taken.</summary>
            public bool Done { get; private set; }

            Pending<T> Start(object cursor)
            {
                var pending = Pending<T>.Start(cursor, _fetch, _cancellationToken);
                // Its answer names the next cursor: ask for that page at once if the read may be one page ahead.
                pending.Task.ContinueWith(_ => OnAnswered(pending), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return pending;
            }

            void OnAnswered(Pending<T> pending)
            {
                lock (_gate)
                    if (pending == _head) StartAheadOfAnsweredHead(); // an ahead page's successor waits until it becomes the head
            }

            /// <summary>Under the gate: asks for the page after the head once the head has answered and names one.</summary>
            void StartAheadOfAnsweredHead()
            {
                if (_abandoned || _head == null || _ahead != null) return;
                var answered = _head.Task;
                if (answered.Status == TaskStatus.RanToCompletion && answered.Result.Next != null) _ahead = Start(answered.Result.Next);
            }

            /// <summary>The read's next page in order (its failure, if the request failed), then the one after it may be asked for.</summary>
            public async Task<Page<T>> TakeAsync()
            {
                Pending<T> head;
                lock (_gate) head = _head;
                Page<T> page;
                try { page = await head.Task.ConfigureAwait(false); }
                finally { head.Dispose(); }
                lock (_gate)
                {
                    _head = null;
                    if (page.Next == null) { Done = true; return page; }
                    // The answered head's successor may already be in flight; if not (the continuation has not run yet), ask now.
                    var next = _ahead ?? Start(page.Next);
                    _ahead = null;
                    _head = next;
                    // If the new head is already answered, its own successor may go now: the read is one page ahead again.
                    StartAheadOfAnsweredHead();
                }
                return page;
            }

            /// <summary>The caller stopped early (First, Ctrl+C, an error): the pages in flight are not part of the read.</summary>
            public async Task AbandonAsync()
            {
                var left = new List<Pending<T>>(2);
                lock (_gate)
                {
                    _abandoned = true;
                    if (_head != null) left.Add(_head);
                    if (_ahead != null) left.Add(_ahead);
                    _head = _ahead = null;
                }
                await DiscardAsync(left).ConfigureAwait(false);
            }
        }

        static async Task DiscardAsync<T>(List<Pending<T>> queue)
        {
            foreach (var pending in queue) pending.Cancel();
            foreach (var pending in queue)
            {
                try { await pending.Task.ConfigureAwait(false); } catch { /* abandoned on purpose: not part of the read */ }
                pending.Dispose();
            }
            queue.Clear();
        }

        /// <summary>A page fetch, with or without the callback that names the next cursor early.</summary>
        sealed class PageFetch<T>
        {
            public PageFetch(Func<object, CancellationToken, Task<Page<T>>> plain) => Plain = plain;
            public PageFetch(Func<object, Action<object>, CancellationToken, Task<Page<T>>> namingNext) => NamingNext = namingNext;

            public Func<object, CancellationToken, Task<Page<T>>> Plain { get; }
            public Func<object, Action<object>, CancellationToken, Task<Page<T>>> NamingNext { get; }
        }

        /// <summary>One page request in flight, cancellable on its own (a discarded guess must not cancel the rest).</summary>
        sealed class Pending<T> : IDisposable
        {
            readonly CancellationTokenSource _cts;
            readonly TaskCompletionSource<object> _nextKnown;

            Pending(object cursor, CancellationTokenSource cts, TaskCompletionSource<object> nextKnown)
            {
                Cursor = cursor;
                _cts = cts;
                _nextKnown = nextKnown;
            }

            public object Cursor { get; }
            public Task<Page<T>> Task { get; private set; }
            /// <summary>The next page's cursor once the fetch names it before its page is complete; null for a fetch that never does.</summary>
            public Task<object> NextKnown => _nextKnown?.Task;

            public static Pending<T> Start(object cursor, PageFetch<T> fetch, CancellationToken cancellationToken)
            {
                var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // Asynchronous continuations: the reader that waits for the name must not run on the fetch's thread, inside its parse.
                var pending = new Pending<T>(cursor, cts, fetch.NamingNext == null ? null : new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
                Task<Page<T>> task;
                try
                {
                    task = (fetch.NamingNext != null ? fetch.NamingNext(cursor, pending.NameNext, cts.Token) : fetch.Plain(cursor, cts.Token))
                        ?? throw new InvalidOperationException("The page fetch returned no task.");
                }
                catch (Exception ex) { task = System.Threading.Tasks.Task.FromException<Page<T>>(ex); }
                pending.Task = task;
                return pending;
            }

            void NameNext(object next)
            {
                if (next != null) _nextKnown.TrySetResult(next); // the first name counts
            }

            public void Cancel()
            {
                try { _cts.Cancel(); } catch (ObjectDisposedException) { }
            }

            public void Dispose() => _cts.Dispose();
        }
    }
}
