using System.Collections.Generic;

namespace Accounting.Integrations.Core.Paging
{
    /// <summary>One page of a paged read, and how to ask for the next (null when this is the last).</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, object next, long? totalItems = null)
        {
            Items = items ?? new T[0];
            Next = next;
            TotalItems = totalItems;
        }

        public IReadOnlyList<T> Items { get; }
        /// <summary>The service-specific cursor of the next page (page number, offset, URL), or null.</summary>
        public object Next { get; }
        public long? TotalItems { get; }
    }
}
