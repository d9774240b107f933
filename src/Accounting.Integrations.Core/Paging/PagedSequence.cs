using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Paging
{
    /// <summary>
    /// Streams a paged read: items are yielded as each page arrives, the next page is already being
    /// fetched while the caller consumes the current one, and at most two pages are held at once.
    /// </summary>
    public static class PagedSequence
    {
        public static async IAsyncEnumerable<T> Stream<T>(
            string service, string activity, object firstCursor,
            Func<object, CancellationToken, Task<Page<T>>> fetchPage,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (fetchPage == null) throw new ArgumentNullException(nameof(fetchPage));
            using (var prefetchCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var observer = CallObserverScope.Current;
                var pages = 0;
                long items = 0;
                Task<Page<T>> pending = fetchPage(firstCursor, prefetchCts.Token);
                try
                {
                    while (pending != null)
                    {
                        var page = await pending.ConfigureAwait(false);
                        pending = page.Next != null ? fetchPage(page.Next, prefetchCts.Token) : null;
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
                    // The caller stopped early (First, Ctrl+C, an error): abandon the page in flight.
                    prefetchCts.Cancel();
                    if (pending != null)
                    {
                        try { await pending.ConfigureAwait(false); } catch { /* abandoned on purpose */ }
                    }
                    observer?.OnPage(new PageProgress { Service = service, Activity = activity, PagesRead = pages, ItemsRead = items, Completed = true });
                }
            }
        }
    }
}
