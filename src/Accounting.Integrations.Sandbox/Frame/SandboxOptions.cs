namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>
/// How the sandbox runs: address, seed, latency, faults, throttling. Each service adds its own knobs and
/// command-line options to this partial class from its own folder (Sandbox/&lt;Service&gt;/…Options.cs).
/// </summary>
public sealed partial class SandboxOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }
    public int Seed { get; set; } = 42;
    /// <summary>Added before every service response.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>Enforce each service's documented rate limits (answering 429 as the service does).</summary>
    public bool Throttle { get; set; } = true;
    /// <summary>Random faults, e.g. "429:0.05,500:0.05,reset:0.02" (kind:rate, optionally service/kind:rate).</summary>
    public string? Faults { get; set; }
    /// <summary>Keep request log entries (bounded); off for long benchmarks.</summary>
    public int RequestLogCapacity { get; set; } = 200_000;
    /// <summary>The day seeded data is anchored to; defaults to today (UTC), so "the last 365 days" means something.</summary>
    public DateTime? Today { get; set; }
    /// <summary>A named state applied at start (see <see cref="Scenarios"/>), e.g. "onboarding-faults".</summary>
    public string? Scenario { get; set; }

    public static SandboxOptions Parse(string[] args)
    {
        var o = new SandboxOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": o.Port = int.Parse(Next()); break;
                case "--seed": o.Seed = int.Parse(Next()); break;
                case "--latency": o.Latency = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
                case "--faults": o.Faults = Next(); break;
                case "--no-throttle": o.Throttle = false; break;
                case "--scenario": o.Scenario = Next(); break;
                case "--help":
                case "-h":
                    throw new ArgumentException(Usage);
                default:
                    var flag = args[i];
                    if (!SandboxServices.All.Any(r => r.ParseOption?.Invoke(flag, Next, o) == true))
                        throw new ArgumentException($"Unknown option {flag}.\n{Usage}");
                    break;
            }
        }
        return o;
    }

    public static string Usage => """
        Accounting.Integrations sandbox: emulates the services' wire protocols on 127.0.0.1.
          --port N              port to listen on (0 = a free one; default 0)
          --seed N              seed of the generated data and random faults (default 42)
          --latency MS          delay added to every service response
          --faults SPEC         random faults, e.g. "429:0.05,500:0.05,reset:0.02,truncated:0.02,malformed:0.02,slow:0.01"
                                or per service "<service>/503:0.1"
          --no-throttle         do not enforce the services' rate limits

        """ + string.Concat(SandboxServices.All.Select(r => r.Usage)) + $"""
          --scenario NAME       apply a named state at start: {string.Join(", ", Scenarios.Names)}
        """;
}
