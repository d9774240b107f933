namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>The kinds of failure the sandbox can inject.</summary>
public enum FaultKind
{
    Status429,
    Status500,
    Status503,
    Reset,
    Truncated,
    Malformed,
    Slow,
}

/// <summary>
/// A fault to inject: either the next <see cref="Count"/> matching requests, or each matching request
/// with probability <see cref="Rate"/>. Matching narrows by service, method and path fragment.
/// </summary>
public sealed class FaultRule
{
    public FaultKind Kind { get; set; }
    public string? Service { get; set; }
    public string? Method { get; set; }
    public string? PathContains { get; set; }
    public double Rate { get; set; }
    public int? Count { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public int DelayMs { get; set; } = 5000;

    public static FaultKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "429" => FaultKind.Status429,
        "500" => FaultKind.Status500,
        "503" => FaultKind.Status503,
        "reset" => FaultKind.Reset,
        "truncated" => FaultKind.Truncated,
        "malformed" => FaultKind.Malformed,
        "slow" => FaultKind.Slow,
        _ => throw new ArgumentException($"Unknown fault kind '{text}'. Use 429, 500, 503, reset, truncated, malformed or slow."),
    };

    /// <summary>Parses "kind:rate" or "service/kind:rate", comma-separated.</summary>
    public static IEnumerable<FaultRule> ParseSpec(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) yield break;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon < 0) throw new ArgumentException($"Fault '{part}' needs a rate, e.g. 500:0.05.");
            var head = part[..colon];
            var slash = head.IndexOf('/');
            yield return new FaultRule
            {
                Service = slash < 0 ? null : head[..slash],
                Kind = ParseKind(slash < 0 ? head : head[(slash + 1)..]),
                Rate = double.Parse(part[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
