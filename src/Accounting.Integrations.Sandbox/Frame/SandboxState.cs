namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>
/// What every part of the sandbox shares: options, log, faults, throttle, and the services. A fleet customer
/// (--customers) has a state of its own: its own services, options, faults and limiter (so no window, fault or
/// record of one customer touches another's), sharing only the request log, the throttle switch and the clock
/// with the sandbox's root state (<see cref="Fleet"/>).
/// </summary>
public sealed class SandboxState
{
    public const string IdentityItem = "sandbox.identity";
    /// <summary>Stopwatch timestamp of a request's arrival: limits count arrivals, not when a handler got to run.</summary>
    public const string ArrivalItem = "sandbox.arrival";

    public static long ArrivalOf(HttpContext context) => context.Items.TryGetValue(ArrivalItem, out var t) && t is long l ? l : 0;

    public SandboxState(SandboxOptions options, IReadOnlyList<ISandboxService> services) : this(options, services, null, 0) { }

    /// <summary>A fleet customer's state: <paramref name="options"/> are that customer's (its own seed), <paramref name="fleet"/> the root's state.</summary>
    public SandboxState(SandboxOptions options, IReadOnlyList<ISandboxService> services, SandboxState? fleet, int customer)
    {
        Options = options;
        Services = services;
        Fleet = fleet;
        Customer = customer;
        Log = fleet?.Log ?? new RequestLog(options.RequestLogCapacity);
        Faults = new FaultInjector(options.Seed);
        foreach (var rule in FaultRule.ParseSpec(options.Faults)) Faults.Add(rule);
    }

    public SandboxOptions Options { get; }
    public IReadOnlyList<ISandboxService> Services { get; }
    /// <summary>For a fleet customer, the sandbox's root state; null for the root itself.</summary>
    public SandboxState? Fleet { get; }
    /// <summary>The fleet customer's number (1…N), 0 for the root.</summary>
    public int Customer { get; }
    SandboxState Root => Fleet ?? this;
    /// <summary>The fleet customers (--customers), in number order; empty without a fleet or on a customer's own state.</summary>
    public IReadOnlyList<Fleet.SandboxCustomer> Customers { get; internal set; } = Array.Empty<Fleet.SandboxCustomer>();
    public RequestLog Log { get; }
    /// <summary>Service requests received and not yet logged, the customers' included: a test counts the log once this is 0.</summary>
    public int InFlight => Volatile.Read(ref Root._inFlight);
    internal int _inFlight;
    internal ref int InFlightCounter => ref Root._inFlight;
    public FaultInjector Faults { get; }
    public SlidingWindowThrottle Throttle { get; } = new();

    bool _throttleEnabled = true;
    /// <summary>Throttling can be switched at run time (benchmarks measure with and without); one switch for the root and every customer.</summary>
    public bool ThrottleEnabled
    {
        get => Fleet?.ThrottleEnabled ?? _throttleEnabled;
        set { if (Fleet != null) Fleet.ThrottleEnabled = value; else _throttleEnabled = value; }
    }

    long _clockOffsetTicks;

    /// <summary>The sandbox's "now": real time plus an offset that rehearsals move (e.g. past a session's expiry).</summary>
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + ClockOffset;

    /// <summary>One clock for the root and every customer.</summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref Root._clockOffsetTicks));
        set => Interlocked.Exchange(ref Root._clockOffsetTicks, value.Ticks);
    }

    public string? ServiceOf(string path)
    {
        var segment = path.TrimStart('/').Split('/', 2)[0];
        return Services.FirstOrDefault(s => s.Name.Equals(segment, StringComparison.OrdinalIgnoreCase))?.Name;
    }
}
