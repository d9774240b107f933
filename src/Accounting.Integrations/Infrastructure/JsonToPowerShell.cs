using System.Management.Automation;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>The core's plain JSON values as PowerShell objects: objects as PSCustomObject (properties in the service's order), arrays as object[].</summary>
    internal static class JsonToPowerShell
    {
        public static object Convert(object value)
        {
            if (value is JsonObject o)
            {
                var result = new PSObject(); // a PSCustomObject, as ConvertFrom-Json and Invoke-RestMethod give
                foreach (var p in o.Properties)
                {
                    // JSON allows a name twice; PowerShell does not: the last one wins, as in ConvertFrom-Json.
                    if (result.Properties[p.Key] != null) result.Properties.Remove(p.Key);
                    result.Properties.Add(new PSNoteProperty(p.Key, Convert(p.Value)));
                }
                return result;
            }
            if (value is object[] array)
            {
                var items = new object[array.Length];
                for (var i = 0; i < array.Length; i++) items[i] = Convert(array[i]);
                return items;
            }
            return value;
        }
    }
}
