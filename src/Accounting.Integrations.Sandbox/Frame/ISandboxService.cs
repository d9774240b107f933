namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>
/// One emulated service: its route prefix, its routes, its demo account and its part of the named scenarios.
/// Adding a service is its own folder and one line in <see cref="SandboxServices"/>.
/// </summary>
public interface ISandboxService
{
    /// <summary>Lower-case name, also the first path segment (e.g. "billbee" serves /billbee/...).</summary>
    string Name { get; }
    /// <summary>The base URL a client is configured with, relative to the sandbox root (e.g. "billbee/api/v1/").</summary>
    string BasePath { get; }
    /// <summary>Maps its routes on the sandbox's root, or on one fleet customer's own routes (the same paths, under that customer's path base).</summary>
    void Map(IEndpointRouteBuilder app);
    /// <summary>The shared state (log, faults, throttle switch), given once the server holds every service.</summary>
    void Attach(SandboxState state);
    /// <summary>What /_sandbox/accounts shows under <see cref="Name"/>: the demo credentials a rehearsal connects with.</summary>
    object DemoAccount();
    /// <summary>Further addresses the console lists after every service's base URL (e.g. a second environment).</summary>
    IEnumerable<string> OtherAddresses(Uri root) => Array.Empty<string>();
    /// <summary>Puts this service in its part of a named scenario; false when it has no part in it.</summary>
    bool ApplyScenario(string name) => false;
}

/// <summary>How a service joins the sandbox: how it is made from the options, and the command-line options it adds.</summary>
/// <param name="Create">Makes the service from the options and the day its data is anchored to.</param>
/// <param name="ParseOption">Reads one of its command-line options (the flag, a reader of the next value); false when the flag is not its own.</param>
/// <param name="Usage">Its lines of --help.</param>
/// <param name="Scenarios">The named scenarios it has a part in (<see cref="ISandboxService.ApplyScenario"/>).</param>
/// <param name="ForCustomer">Turns a copy of the options into one fleet customer's (--customers): its own small seeded data. It must
/// replace, not change, any options object of its own (customers never share one with the root or each other).</param>
/// <param name="CustomerFaults">The faults it can seed into a fleet customer (--customer-fault-every), in the order they take turns.</param>
public sealed record SandboxServiceRegistration(
    Func<SandboxOptions, DateTime, ISandboxService> Create,
    Func<string, Func<string>, SandboxOptions, bool>? ParseOption = null,
    string Usage = "",
    string[]? Scenarios = null,
    Action<SandboxOptions>? ForCustomer = null,
    CustomerFault[]? CustomerFaults = null);

/// <summary>A fault a fleet customer's account is seeded with, e.g. a changed password; applied to that customer's own service.</summary>
/// <param name="Name">Stable name, listed with the customer (service-fault, e.g. "&lt;service&gt;-wrong-password").</param>
/// <param name="Description">What a client of that customer meets, in a sentence.</param>
/// <param name="Apply">Puts the customer's instance of the service (the registration's own type) in that state.</param>
public sealed record CustomerFault(string Name, string Description, Action<ISandboxService> Apply);
