using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>
    /// Remove-IntegrationMonitorLog: deletes integration_monitor_log objects older than an age, per integration,
    /// within Lime's request limit, and reports the count per integration and day. Interrupted, it is simply
    /// run again: it looks up what is left each time.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "IntegrationMonitorLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IntegrationMonitorLogCleanup))]
    public sealed class RemoveIntegrationMonitorLog : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [DaysOrTimeSpan]
        public TimeSpan OlderThan { get; set; }

        /// <summary>Binds by property name, so Get-IntegrationMonitor output pipes in (one monitor per record).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IntegrationKeyCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] IntegrationKey { get; set; }

        IReadOnlyList<IntegrationMonitor> _monitors; // read once per command, not once per piped monitor

        [Parameter]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            if (OlderThan <= TimeSpan.Zero) ThrowParameterError("OlderThan", "-OlderThan must be positive, e.g. 30 (days) or '12:00:00'.", OlderThan);
            if (OlderThan > DateTimeOffset.Now - DateTimeOffset.MinValue.AddYears(1))
                ThrowParameterError("OlderThan", $"-OlderThan {OlderThan} reaches back before the year 1; give a number of days such as 30 or 3650.", OlderThan);
            var connection = ResolveConnection(Connection, "Connect-Lime");
            var cutoff = DateTimeOffset.Now - OlderThan;

            if (_monitors == null)
                Run(async (w, ct) => _monitors = await connection.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false), connection, terminating: true);
            var monitors = _monitors;
            if (IntegrationKey != null)
            {
                var unknown = IntegrationKey.Where(k => monitors.All(m => !string.Equals(m.IntegrationKey, k, StringComparison.OrdinalIgnoreCase))).ToList();
                if (unknown.Count > 0)
                    ThrowParameterError("IntegrationKey", $"No integration monitor has the key {string.Join(", ", unknown.Select(k => "'" + k + "'"))}; Get-IntegrationMonitor lists them.", unknown);
                monitors = monitors.Where(m => IntegrationKey.Any(k => string.Equals(m.IntegrationKey, k, StringComparison.OrdinalIgnoreCase))).ToList();
            }

            // The monitors' logs are read at once (one request in flight per monitor), then cleaned up one monitor at a time.
            var found = monitors.ToDictionary(m => m.Id, m => new List<IntegrationMonitorLogEntry>());
            Run(async (w, ct) =>
            {
                await foreach (var log in connection.Client.GetLogsBeforeAsync(monitors.Select(m => m.Id).ToList(), cutoff, ct).ConfigureAwait(false))
                    if (found.TryGetValue(log.MonitorId, out var list)) list.Add(log);
            }, monitors, terminating: true);
            foreach (var monitor in monitors)
            {
                var logs = found[monitor.Id];
                if (logs.Count == 0)
                {
                    WriteVerbose($"'{monitor.IntegrationKey}': no logs created before {cutoff:yyyy-MM-dd HH:mm}.");
                    continue;
                }
                var span = $"{logs.Min(l => l.Created):yyyy-MM-dd} to {logs.Max(l => l.Created):yyyy-MM-dd}";
                if (!ShouldProcess($"integration_monitor_log of '{monitor.IntegrationKey}'", $"Delete {logs.Count} objects created before {cutoff:yyyy-MM-dd HH:mm} ({span})"))
                    continue;
                var days = logs.GroupBy(l => l.Created.Date).ToDictionary(g => g.Key, g => new IntegrationMonitorLogCleanup { IntegrationKey = monitor.IntegrationKey, Day = g.Key, Found = g.Count() });
                Run(async (w, ct) =>
                {
                    var done = 0;
                    var failedInARow = 0;
                    foreach (var log in logs)
                    {
                        var day = days[log.Created.Date];
                        try
                        {
                            switch (await connection.Client.DeleteAsync("integration_monitor_log", log.Id, ct).ConfigureAwait(false))
                            {
                                case DeleteOutcome.Deleted: day.Deleted++; failedInARow = 0; break;
                                case DeleteOutcome.AlreadyGone: day.AlreadyGone++; break; // e.g. by an earlier run that was interrupted
                                default: day.Uncertain++; break;
                            }
                        }
                        catch (ServiceException ex) when (!ct.IsCancellationRequested)
                        {
                            // One log that could not be deleted does not stop the cleanup; it is counted and reported.
                            // Three in a row mean Lime itself is failing: stop (the error says why; the rest stay for the next run).
                            if (ex.Reason == ErrorReason.OutcomeUnknown) day.Uncertain++; else day.Failed++;
                            if (++failedInARow >= 3) throw;
                            w.WriteError(ErrorRecordFactory.FromException(ex, log.Id));
                        }
                        done++;
                        w.WriteProgress($"Removing integration_monitor_log of '{monitor.IntegrationKey}'", $"{done} of {logs.Count}", done * 100 / logs.Count);
                    }
                }, monitor);
                foreach (var day in days.Values.OrderBy(d => d.Day)) WriteObject(day);
            }
        }
    }
}
