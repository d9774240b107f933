using System;
using System.Globalization;
using System.Management.Automation;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Lets an age parameter take days (30, "30") or a TimeSpan ("30.00:00:00", [timespan]::FromHours(12)).
    /// PowerShell alone would read 30 as 30 ticks.
    /// </summary>
    public sealed class DaysOrTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan span: return span;
                case int i: return TimeSpan.FromDays(i);
                case long l: return TimeSpan.FromDays(l);
                case double d: return TimeSpan.FromDays(d);
                case decimal m: return TimeSpan.FromDays((double)m);
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var days): return TimeSpan.FromDays(days);
                case string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var parsed): return parsed;
                default:
                    throw new ArgumentTransformationMetadataException($"'{value}' is neither a number of days nor a TimeSpan; use e.g. 30 or '30.00:00:00'.");
            }
        }
    }
}
