using System.Collections.Concurrent;
using Accounting.Integrations.Core.Sandbox;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>The sandboxes this process started, by process id, for Stop-IntegrationSandbox.</summary>
    internal static class StartedSandboxes
    {
        public static readonly ConcurrentDictionary<int, SandboxProcess> ById = new ConcurrentDictionary<int, SandboxProcess>();
    }
}
