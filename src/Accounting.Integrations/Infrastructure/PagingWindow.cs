using System.Management.Automation;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// -Skip and -First (SupportsPaging) over everything one command writes, across piped records: items before the
    /// window are dropped, and once it is full the read stops, so no page is fetched that nobody asked for.
    /// </summary>
    internal sealed class PagingWindow
    {
        readonly ulong _skip;
        readonly ulong _first;
        ulong _seen, _written;

        public PagingWindow(PagingParameters paging)
        {
            _skip = paging?.Skip ?? 0;
            _first = paging?.First ?? ulong.MaxValue;
        }

        /// <summary>No more items are wanted.</summary>
        public bool Full => _written >= _first;
        /// <summary>The read ended because the window filled, not because the service had no more.</summary>
        public bool Stopped { get; private set; }
        public ulong Seen => _seen;

        /// <summary>Writes the item if it lies inside the window; false once the window is full (the caller stops reading).</summary>
        public bool Write(PipelineWriter writer, object item) => Write(writer, item, i => i);

        /// <summary>As <see cref="Write(PipelineWriter, object)"/>, converting only the items inside the window (a skipped one costs no conversion).</summary>
        public bool Write<T>(PipelineWriter writer, T item, System.Func<T, object> convert)
        {
            if (Full) { Stopped = true; return false; }
            if (_seen++ < _skip) return true;
            writer.WriteObject(convert(item));
            _written++;
            if (Full) Stopped = true;
            return !Full;
        }
    }
}
