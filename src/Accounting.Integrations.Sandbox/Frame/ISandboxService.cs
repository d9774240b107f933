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
    void Map(WebApplication app);
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
public sealed record SandboxServiceRegistration(
    Func<SandboxOptions, DateTime, ISandboxService> Create,
    Func<string, Func<string>, SandboxOptions, bool>? ParseOption = null,
    string Usage = "",
    string[]? Scenarios = null);
