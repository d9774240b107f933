using System.Diagnostics;

namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>One limit to enforce: at most <see cref="Limit"/> accepted requests per <see cref="Window"/> for <see cref="Key"/>.</summary>
public readonly record struct WindowLimit(string Key, int Limit, TimeSpan Window);

/// <summary>
/// The sandbox's own limiter: a sliding log per key. A request is refused when any of its keys already
/// had its limit of accepted requests within the window; refused requests are not counted. A sliding
/// window is the strictest reading of "N calls per second", so a client that passes here passes a
/// fixed-window server too.
/// </summary>
public sealed class SlidingWindowThrottle
{
    readonly object _gate = new();
    readonly Dictionary<string, Queue<long>> _logs = new();
    long _refused;

    public long Refused => Interlocked.Read(ref _refused);

    /// <param name="arrivedAt">Stopwatch timestamp of the request's arrival (taken first thing in the middleware), or 0 for now.</param>
    public bool TryAcquire(IReadOnlyList<WindowLimit> limits, out TimeSpan wait, out string? refusedBy, long arrivedAt = 0)
    {
        var now = arrivedAt != 0 ? arrivedAt : Stopwatch.GetTimestamp();
        lock (_gate)
        {
            wait = TimeSpan.Zero;
            refusedBy = null;
            foreach (var limit in limits)
            {
                var log = Log(limit.Key);
                var windowTicks = (long)(limit.Window.TotalSeconds * Stopwatch.Frequency);
                while (log.Count > 0 && now - log.Peek() >= windowTicks) log.Dequeue();
                if (log.Count >= limit.Limit)
                {
                    var w = TimeSpan.FromSeconds((double)(log.Peek() + windowTicks - now) / Stopwatch.Frequency);
                    if (w > wait) { wait = w; refusedBy = limit.Key; }
                }
            }
            if (refusedBy != null)
            {
                _refused++;
                return false;
            }
            foreach (var limit in limits) Log(limit.Key).Enqueue(now);
            return true;
        }
    }

    Queue<long> Log(string key)
    {
        if (!_logs.TryGetValue(key, out var log)) _logs[key] = log = new Queue<long>();
        return log;
    }

    public void Reset()
    {
        lock (_gate) _logs.Clear();
    }
}
