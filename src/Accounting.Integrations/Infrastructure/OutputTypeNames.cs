using System;
using System.Collections.Concurrent;
using System.Management.Automation;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Short, stable type names on every object the module writes: "Accounting.&lt;Class&gt;" (Accounting.BillbeeOrder,
    /// Accounting.ConnectionTestResult) first in PSTypeNames. The .NET names cannot be typed in a script (the core
    /// loads in the module's own load context), so these are what [PSTypeName()] parameters and format views use.
    /// </summary>
    internal static class OutputTypeNames
    {
        public const string Prefix = "Accounting.";
        static readonly ConcurrentDictionary<Type, string> Names = new ConcurrentDictionary<Type, string>();

        /// <summary>The short name of one of the module's types; null for any other (strings, SecureString, PSCustomObject).</summary>
        public static string Of(Type type) => Names.GetOrAdd(type, t =>
            t.Namespace != null && t.Namespace.StartsWith("Accounting.Integrations", StringComparison.Ordinal) && !t.IsGenericType ? Prefix + t.Name : null);

        /// <summary>The object as it is written: wrapped once, with its short name first.</summary>
        public static object Tag(object item)
        {
            if (item == null || item is PSObject) return item;
            var name = Of(item.GetType());
            if (name == null) return item;
            var wrapped = PSObject.AsPSObject(item);
            if (!wrapped.TypeNames.Contains(name)) wrapped.TypeNames.Insert(0, name);
            return wrapped;
        }
    }
}
