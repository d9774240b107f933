using System;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>An integration_monitor card (limepkg-integration-monitor, lime.md §4).</summary>
    public sealed class IntegrationMonitor
    {
        public int Id { get; set; }
        public string Name { get; set; }
        public string IntegrationKey { get; set; }
        public string Type { get; set; }
        public bool Active { get; set; }
        public string AlertStatus { get; set; }
        public string AlertText { get; set; }
        public override string ToString() => $"{IntegrationKey} ({AlertStatus})";
    }

    /// <summary>One line of Remove-IntegrationMonitorLog's report: how many logs of one integration and day were (or would be) deleted.</summary>
    public sealed class IntegrationMonitorLogCleanup
    {
        public string IntegrationKey { get; set; }
        public DateTime Day { get; set; }
        public int Found { get; set; }
        public int Deleted { get; set; }
        public override string ToString() => $"{IntegrationKey} {Day:yyyy-MM-dd}: {Deleted} of {Found}";
    }

    /// <summary>A log object as the cleanup sees it.</summary>
    public sealed class IntegrationMonitorLogEntry
    {
        public int Id { get; set; }
        public int MonitorId { get; set; }
        public DateTimeOffset Created { get; set; }
    }

    /// <summary>A user as Lime's admin user list gives it.</summary>
    public sealed class LimeUser
    {
        public int Id { get; set; }
        public string Username { get; set; }
        public bool Active { get; set; }
        public string LoginType { get; set; }
        public string UserType { get; set; }

        public override string ToString() => Username;
    }
}
