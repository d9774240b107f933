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

    /// <summary>
    /// One line of Remove-IntegrationMonitorLog's report for one integration and day. Found = Deleted + AlreadyGone +
    /// Uncertain + Failed: each log is counted once, by what the module knows about it.
    /// </summary>
    public sealed class IntegrationMonitorLogCleanup
    {
        public string IntegrationKey { get; set; }
        public DateTime Day { get; set; }
        public int Found { get; set; }
        /// <summary>Lime confirmed the deletion (2xx).</summary>
        public int Deleted { get; set; }
        /// <summary>Lime answered 404 to the first and only attempt: gone before this run touched it (e.g. an earlier, interrupted run).</summary>
        public int AlreadyGone { get; set; }
        /// <summary>Gone now, but an attempt's answer was lost, so it may have been this run or another; or the outcome is open.</summary>
        public int Uncertain { get; set; }
        /// <summary>Lime refused or the call failed; the log is still there.</summary>
        public int Failed { get; set; }
        public override string ToString() => $"{IntegrationKey} {Day:yyyy-MM-dd}: {Deleted} of {Found}" +
            (AlreadyGone + Uncertain + Failed > 0 ? $" ({AlreadyGone} already gone, {Uncertain} uncertain, {Failed} failed)" : "");
    }

    /// <summary>What one DELETE established about an object.</summary>
    public enum DeleteOutcome
    {
        /// <summary>The service confirmed the deletion.</summary>
        Deleted,
        /// <summary>404 to the first attempt: it was gone before this call.</summary>
        AlreadyGone,
        /// <summary>Gone now (404 after an attempt whose answer was lost): perhaps by this call, perhaps not.</summary>
        GoneAfterLostAnswer,
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
