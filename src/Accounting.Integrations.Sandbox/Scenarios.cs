using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox;

/// <summary>
/// Named states a rehearsal or test can put the sandbox in, at start (--scenario) or while running
/// (POST /_sandbox/scenario/{name}). Each service keeps its own part of a scenario (<see cref="ISandboxService.ApplyScenario"/>).
/// </summary>
public static class Scenarios
{
    /// <summary>Every scenario some registered service has a part in.</summary>
    public static readonly string[] Names = SandboxServices.All.SelectMany(r => r.Scenarios ?? Array.Empty<string>()).Distinct().ToArray();

    /// <summary>Every service plays its part; false when no service has one in <paramref name="name"/>.</summary>
    public static bool Apply(SandboxServer server, string name)
    {
        var applied = false;
        foreach (var service in server.State.Services) applied |= service.ApplyScenario(name);
        return applied;
    }
}
