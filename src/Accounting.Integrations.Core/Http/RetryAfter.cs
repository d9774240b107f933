using System;
using System.Globalization;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>Reads a Retry-After header: delta seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
    public static class RetryAfter
    {
        public static TimeSpan? Parse(string value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            value = value.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return seconds < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
                DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var delta = date - now;
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }
            return null;
        }
    }
}
