using System.Collections.Concurrent;

namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>One request as the sandbox saw it; <see cref="Customer"/> is the fleet customer's number (0: the root accounts).</summary>
public sealed record LoggedRequest(long Sequence, DateTimeOffset ReceivedAt, string Service, string Method, string Path,
    string Query, int Status, string? Fault, double Milliseconds, string? Identity, int Customer = 0);

/// <summary>Every service request the sandbox answered, in order, for tests and the control API.</summary>
public sealed class RequestLog(int capacity)
{
    readonly ConcurrentQueue<LoggedRequest> _entries = new();
    long _sequence;
    long _count;

    public long Total => Interlocked.Read(ref _sequence);

    public void Add(DateTimeOffset at, string service, string method, string path, string query, int status, string? fault, double ms, string? identity, int customer = 0)
    {
        var entry = new LoggedRequest(Interlocked.Increment(ref _sequence), at, service, method, path, query, status, fault, ms, identity, customer);
        if (capacity <= 0) return;
        _entries.Enqueue(entry);
        if (Interlocked.Increment(ref _count) > capacity && _entries.TryDequeue(out _)) Interlocked.Decrement(ref _count);
    }

    public IReadOnlyList<LoggedRequest> Snapshot(string? service = null) =>
        _entries.Where(e => service == null || string.Equals(e.Service, service, StringComparison.OrdinalIgnoreCase)).ToList();

    public void Clear()
    {
        while (_entries.TryDequeue(out _)) Interlocked.Decrement(ref _count);
    }
}
