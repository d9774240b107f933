namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>What every part of the sandbox shares: options, log, faults, throttle, and the services.</summary>
public sealed class SandboxState
{
    public const string IdentityItem = "sandbox.identity";
    /// <summary>Stopwatch timestamp of a request's arrival: limits count arrivals, not when a handler got to run.</summary>
    public const string ArrivalItem = "sandbox.arrival";

    public static long ArrivalOf(HttpContext context) => context.Items.TryGetValue(ArrivalItem, out var t) && t is long l ? l : 0;

    public SandboxState(SandboxOptions options, IReadOnlyList<ISandboxService> services)
    {
        Options = options;
        Services = services;
        Log = new RequestLog(options.RequestLogCapacity);
        Faults = new FaultInjector(options.Seed);
        foreach (var rule in FaultRule.ParseSpec(options.Faults)) Faults.Add(rule);
    }

    public SandboxOptions Options { get; }
    public IReadOnlyList<ISandboxService> Services { get; }
    public RequestLog Log { get; }
    /// <summary>Service requests received and not yet logged: a test counts the log once this is 0.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);
    internal int _inFlight;
    public FaultInjector Faults { get; }
    public SlidingWindowThrottle Throttle { get; } = new();
    /// <summary>Throttling can be switched at run time (benchmarks measure with and without).</summary>
    public bool ThrottleEnabled { get; set; } = true;

    long _clockOffsetTicks;

    /// <summary>The sandbox's "now": real time plus an offset that rehearsals move (e.g. past a session's expiry).</summary>
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + ClockOffset;

    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    public string? ServiceOf(string path)
    {
        var segment = path.TrimStart('/').Split('/', 2)[0];
        return Services.FirstOrDefault(s => s.Name.Equals(segment, StringComparison.OrdinalIgnoreCase))?.Name;
    }
}
