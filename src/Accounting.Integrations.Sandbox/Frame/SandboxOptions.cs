namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>How the sandbox runs: address, seed, latency, faults, throttling, and per-service knobs.</summary>
public sealed class SandboxOptions
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
    public Billbee.BillbeeSandboxOptions Billbee { get; set; } = new();
    public Tripletex.TripletexSandboxOptions Tripletex { get; set; } = new();
    /// <summary>Seeded iFirma invoices, Lime integration-monitor logs and Billecta invoices (benchmarks raise them past 10 000).</summary>
    public int IFirmaInvoiceCount { get; set; } = 640;
    public int LimeLogCount { get; set; } = 3000;
    public int BillectaInvoiceCount { get; set; } = 70;
    /// <summary>Seeded Billecta debtors of the first creditor (tests raise it past 10 000 to page them).</summary>
    public int BillectaDebtorCount { get; set; } = 50;
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
                case "--billbee-orders": o.Billbee.OrderCount = int.Parse(Next()); break;
                case "--billbee-retry-after": o.Billbee.RetryAfterSeconds = int.Parse(Next()); break;
                case "--tripletex-rate-limit": o.Tripletex.RateLimit = int.Parse(Next()); break;
                case "--tripletex-clean-numbers": o.Tripletex.NumberConflicts = false; break;
                case "--scenario": o.Scenario = Next(); break;
                case "--help":
                case "-h":
                    throw new ArgumentException(Usage);
                default: throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
        }
        return o;
    }

    public const string Usage = """
        Accounting.Integrations sandbox: emulates Billbee (and the other services as they are added) on 127.0.0.1.
          --port N              port to listen on (0 = a free one; default 0)
          --seed N              seed of the generated data and random faults (default 42)
          --latency MS          delay added to every service response
          --faults SPEC         random faults, e.g. "429:0.05,500:0.05,reset:0.02,truncated:0.02,malformed:0.02,slow:0.01"
                                or per service "billbee/503:0.1"
          --no-throttle         do not enforce the services' rate limits
          --billbee-orders N    number of seeded Billbee orders (default 12000)
          --billbee-retry-after S  send Retry-After: S on Billbee 429s (default: none, as observed live)
          --tripletex-rate-limit N calls per minute per Tripletex employee token (default 600; the real number is unpublished)
          --tripletex-clean-numbers  no customers or invoices inside a web shop's number ranges
          --scenario NAME       apply a named state at start: onboarding-faults (a changed Billbee API password,
                                an expired Tripletex employee token, an iFirma key near its monthly limit)
        """;
}
