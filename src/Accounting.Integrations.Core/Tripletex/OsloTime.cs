using System;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex sessions die at midnight Norwegian time (tripletex.md §2.3).</summary>
    internal static class OsloTime
    {
        static readonly TimeZoneInfo Zone = Find();

        static TimeZoneInfo Find()
        {
            foreach (var id in new[] { "Europe/Oslo", "W. Europe Standard Time" })
            {
                try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
                catch (TimeZoneNotFoundException) { }
                catch (InvalidTimeZoneException) { }
            }
            // Summer time's offset: midnight comes earlier, so a session is renewed early rather than late.
            return TimeZoneInfo.CreateCustomTimeZone("Oslo (fixed +2)", TimeSpan.FromHours(2), "Oslo", "Oslo");
        }

        public static DateTime Today(DateTimeOffset utcNow) => TimeZoneInfo.ConvertTime(utcNow, Zone).Date;

        /// <summary>00:00 Oslo time at the start of <paramref name="date"/>.</summary>
        public static DateTimeOffset StartOf(DateTime date)
        {
            var local = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }
    }
}
