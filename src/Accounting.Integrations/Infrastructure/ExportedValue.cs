using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// The value a user, Export-Csv and ConvertTo-Json see for a typed core property that would export badly: an enum as
    /// its name, a TimeSpan as "c" text (00:01:02.5000000), both of which convert back with [enum]/[timespan]. ConvertTo-Json
    /// (5.1 and 7, without -EnumsAsStrings) writes every public property by reflection, enums as numbers and a TimeSpan as
    /// fifteen fields, so such a property is internal in the core and the types file shows it under its own name through
    /// here (Accounting.Integrations.Types.ps1xml). Settable ones stay settable: the text or value is converted back.
    /// </summary>
    public static class ExportedValue
    {
        // Keyed by Tuple, not ValueTuple: .NET Framework before 4.7 has no System.ValueTuple in Windows PowerShell 5.1.
        static readonly ConcurrentDictionary<Tuple<Type, string>, PropertyInfo> Properties = new ConcurrentDictionary<Tuple<Type, string>, PropertyInfo>();

        // The types file's CodeProperties: a static method per member, not a ScriptProperty, because the first script
        // block a types file holds makes Import-Module start PowerShell's parser and compiler (about 10 % of a cold import)
        // and a C# host could read a ScriptProperty only on a thread with a default runspace.
        public static object GetStatus(PSObject instance) => Get(instance, "Status");
        public static object GetDuration(PSObject instance) => Get(instance, "Duration");
        public static object GetLatency(PSObject instance) => Get(instance, "Latency");
        public static object GetEnvironment(PSObject instance) => Get(instance, "Environment");
        public static object GetSeverity(PSObject instance) => Get(instance, "Severity");
        public static object GetActual(PSObject instance) => Get(instance, "Actual");
        public static object GetRenewBefore(PSObject instance) => Get(instance, "RenewBefore");
        public static void SetRenewBefore(PSObject instance, object value) => Set(instance, "RenewBefore", value);
        public static object GetClockOffset(PSObject instance) => Get(instance, "ClockOffset");
        public static void SetClockOffset(PSObject instance, object value) => Set(instance, "ClockOffset", value);

        public static object Get(PSObject instance, string property)
        {
            var target = instance?.BaseObject;
            if (target == null) return null;
            return Text(Find(target.GetType(), property).GetValue(target));
        }

        public static void Set(PSObject instance, string property, object value)
        {
            var target = instance?.BaseObject ?? throw new ArgumentNullException(nameof(instance));
            var info = Find(target.GetType(), property);
            info.SetValue(target, LanguagePrimitives.ConvertTo(value is PSObject ps ? ps.BaseObject : value, info.PropertyType, CultureInfo.InvariantCulture));
        }

        /// <summary>The export form of a value: enum names, TimeSpans as invariant "c" text, anything else as it is.</summary>
        public static object Text(object value)
        {
            switch (value)
            {
                case null: return null;
                case Enum e: return e.ToString();
                case TimeSpan t: return t.ToString("c", CultureInfo.InvariantCulture);
                default: return value;
            }
        }

        static PropertyInfo Find(Type type, string property) => Properties.GetOrAdd(Tuple.Create(type, property), key =>
            key.Item1.GetProperty(key.Item2, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new ArgumentException($"{key.Item1.Name} has no property {key.Item2}.", nameof(property)));
    }
}
