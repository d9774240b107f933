using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Output
{
    /// <summary>
    /// A dictionary (names in any case, sorted) that prints as one line, "name=value; name=value", or only its names when
    /// its values have no text of their own: what Export-Csv writes in one cell instead of the dictionary's type name.
    /// It is still a dictionary for the pipeline, ConvertTo-Json (an object) and lookups.
    /// </summary>
    public sealed class TextMap<TValue> : SortedDictionary<string, TValue>
    {
        public TextMap() : base(StringComparer.OrdinalIgnoreCase) { }

        public override string ToString() => string.Join("; ", this.Select(p => Describe(p.Key, p.Value)));

        static string Describe(string key, object value)
        {
            switch (value)
            {
                case null: return key;
                case string text: return key + "=" + text;
                case IEnumerable many: return key + "=" + string.Join(", ", many.Cast<object>());
            }
            var text2 = value.ToString();
            // A value whose text is its type's name (System.…) says nothing: the name alone reads better.
            return text2 == value.GetType().ToString() ? key : key + "=" + text2;
        }
    }
}
