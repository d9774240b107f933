namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>Decides, per request, whether to inject a fault. Random decisions come from the seeded generator.</summary>
public sealed class FaultInjector(int seed)
{
    readonly object _gate = new();
    readonly List<FaultRule> _rules = new();
    readonly Random _random = new(seed);
    readonly Dictionary<FaultKind, long> _injected = new();

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    public IReadOnlyDictionary<FaultKind, long> Injected
    {
        get { lock (_gate) return new Dictionary<FaultKind, long>(_injected); }
    }

    public FaultRule? Pick(string service, string method, string path)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Service != null && !rule.Service.Equals(service, StringComparison.OrdinalIgnoreCase)) continue;
                if (rule.Method != null && !rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) continue;
                if (rule.PathContains != null && !path.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase)) continue;
                if (rule.Count.HasValue)
                {
                    if (rule.Count.Value <= 0) continue;
                    rule.Count--;
                }
                else if (_random.NextDouble() >= rule.Rate) continue;
                _injected[rule.Kind] = _injected.GetValueOrDefault(rule.Kind) + 1;
                return rule;
            }
            return null;
        }
    }
}
