using System;
using Accounting.Integrations.Core.Time;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex sessions die at midnight Norwegian time (tripletex.md §2.3).</summary>
    internal static class OsloTime
    {
        // Summer time's offset as the stand-in: midnight comes earlier, so a session is renewed early rather than late.
        static readonly TimeZoneInfo Zone = TimeZoneLookup.Find("Europe/Oslo", "W. Europe Standard Time", TimeSpan.FromHours(2), "Oslo");

        public static DateTime Today(DateTimeOffset utcNow) => TimeZoneInfo.ConvertTime(utcNow, Zone).Date;

        /// <summary>00:00 Oslo time at the start of <paramref name="date"/>.</summary>
        public static DateTimeOffset StartOf(DateTime date)
        {
            var local = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }
    }
}
