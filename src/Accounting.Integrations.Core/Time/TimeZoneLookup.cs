using System;

namespace Accounting.Integrations.Core.Time
{
    /// <summary>A service's home time zone, found by its IANA id (Linux, macOS, .NET 6+) or its Windows id (.NET Framework).</summary>
    internal static class TimeZoneLookup
    {
        /// <summary>The zone, or a fixed-offset stand-in when the machine has neither id (a trimmed container).</summary>
        public static TimeZoneInfo Find(string ianaId, string windowsId, TimeSpan fallbackOffset, string name)
        {
            foreach (var id in new[] { ianaId, windowsId })
            {
                try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
                catch (TimeZoneNotFoundException) { }
                catch (InvalidTimeZoneException) { }
            }
            return TimeZoneInfo.CreateCustomTimeZone($"{name} (fixed {fallbackOffset.TotalHours:+0})", fallbackOffset, name, name);
        }
    }
}
