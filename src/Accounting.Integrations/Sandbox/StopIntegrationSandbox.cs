using System;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>Stop-IntegrationSandbox: stops sandboxes started by Start-IntegrationSandbox in this process (all, or by -ProcessId).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "IntegrationSandbox", SupportsShouldProcess = true)]
    public sealed class StopIntegrationSandbox : ModuleCmdlet
    {
        static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public int[] ProcessId { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ProcessId ?? StartedSandboxes.ById.Keys.ToArray();
            foreach (var id in ids)
            {
                if (!StartedSandboxes.ById.TryGetValue(id, out var sandbox))
                {
                    WriteError(ErrorRecordFactory.InvalidParameter("ProcessId", $"No sandbox with process id {id} was started in this session; Stop-IntegrationSandbox stops only those Start-IntegrationSandbox started (without -ProcessId: all of them).", id));
                    continue;
                }
                if (!ShouldProcess($"sandbox {sandbox.BaseUri} (process {id})", "Stop")) continue;
                var graceful = sandbox.Stop(StopTimeout);
                WriteVerbose(graceful ? $"The sandbox at {sandbox.BaseUri} stopped." : $"The sandbox at {sandbox.BaseUri} did not stop within {StopTimeout.TotalSeconds:0} s and was killed.");
                StartedSandboxes.ById.TryRemove(id, out _);
                sandbox.Dispose();
            }
        }
    }
}
