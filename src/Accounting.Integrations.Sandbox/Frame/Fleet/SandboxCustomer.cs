using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Fleet;

/// <summary>
/// One customer of the sandbox as a fleet (--customers N): its own instance of every service, made from its own
/// options and seed, attached to its own <see cref="SandboxState"/> (own limiter, own fault rules), served by its
/// own pipeline under /c/&lt;nnn&gt;/. Own instances rather than a lookup by credential: every service's handlers
/// stay as they are (they read their instance's fields), and isolation holds by construction, also for limits a
/// service keys on something other than the credential (a per-order window, a login every seed shares).
/// </summary>
public sealed class SandboxCustomer
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    readonly IReadOnlyDictionary<string, JsonElement> _accounts;

    SandboxCustomer(int number, string segment, SandboxState state, IReadOnlyList<(string Service, CustomerFault Fault)> faults, IReadOnlyDictionary<string, JsonElement> accounts)
    {
        _accounts = accounts;
        Number = number;
        Segment = segment;
        State = state;
        Faults = faults;
    }

    /// <summary>1…N.</summary>
    public int Number { get; }
    /// <summary>The path segment after /c/, zero-padded to the fleet's width (at least 3: "007").</summary>
    public string Segment { get; }
    /// <summary>"customer-007": the name a rehearsal can give its profile.</summary>
    public string Name => "customer-" + Segment;
    /// <summary>Its base path relative to the sandbox root: "c/007/".</summary>
    public string BasePath => "c/" + Segment + "/";
    public SandboxState State { get; }
    public IReadOnlyList<ISandboxService> Services => State.Services;
    /// <summary>The faults it was seeded with, with the service each is in (none for most customers).</summary>
    public IReadOnlyList<(string Service, CustomerFault Fault)> Faults { get; }
    /// <summary>Its own middleware, routing and endpoints, built by <see cref="CustomerDispatch"/>.</summary>
    internal RequestDelegate Pipeline { get; set; } = null!;

    public T Service<T>() where T : ISandboxService => Services.OfType<T>().Single();

    /// <summary>Every fault some registered service can seed, in the order they take turns.</summary>
    public static IReadOnlyList<(int Registration, CustomerFault Fault)> AllFaults { get; } =
        SandboxServices.All.SelectMany((r, i) => (r.CustomerFaults ?? Array.Empty<CustomerFault>()).Select(f => (i, f))).ToArray();

    /// <summary>
    /// The fault customer <paramref name="number"/> gets: customers every-th, 2×every-th, … take the faults in turn
    /// (with every = 10 and the default faults: 10 the first, 20 the second, …); null for the others.
    /// </summary>
    public static (int Registration, CustomerFault Fault)? FaultFor(int number, int every, string[]? names)
    {
        if (every <= 0 || number % every != 0) return null;
        var pool = AllFaults.Where(f => names == null || names.Contains(f.Fault.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (pool.Length == 0) return null;
        return pool[(number / every - 1) % pool.Length];
    }

    public static SandboxCustomer Create(int number, int count, SandboxState root, DateTime today)
    {
        var options = root.Options.ForCustomer(number);
        var services = SandboxServices.All.Select(r => r.Create(options, today)).ToArray();
        var state = new SandboxState(options, services, root, number);
        foreach (var service in services) service.Attach(state);
        // The credentials as the customer handed them over, taken before a fault changes them on the service's side
        // (a changed password must reach the client as the old one, to be refused).
        var accounts = services.ToDictionary(s => s.Name, s => JsonSerializer.SerializeToElement(s.DemoAccount(), Web));
        var faults = new List<(string, CustomerFault)>();
        if (FaultFor(number, root.Options.CustomerFaultEvery, root.Options.CustomerFaultNames) is { } fault)
        {
            fault.Fault.Apply(services[fault.Registration]);
            faults.Add((services[fault.Registration].Name, fault.Fault));
        }
        var width = Math.Max(3, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return new SandboxCustomer(number, number.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture), state, faults, accounts);
    }

    /// <summary>
    /// What /_sandbox/customers lists for it: its URL, seed, faults, and each service's demo account (baseUrl relative to
    /// its URL) as it was before its fault: what the customer gave the MSP, which the fault then makes wrong.
    /// </summary>
    public object Listing(string rootUrl) => new
    {
        number = Number,
        name = Name,
        url = rootUrl + BasePath,
        seed = State.Options.Seed,
        faults = Faults.Select(f => new { name = f.Fault.Name, service = f.Service, description = f.Fault.Description }).ToArray(),
        accounts = _accounts,
    };
}
