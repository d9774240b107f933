using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Accounting.Integrations.Core.Output
{
    /// <summary>
    /// A list of texts that prints as one line ("a, b"): what Export-Csv and string interpolation write instead of
    /// "System.String[]". It is still a list for the pipeline, ConvertTo-Json and -contains.
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        public TextList(IList<string> items) : base(items ?? new string[0]) { }

        public override string ToString() => string.Join(", ", this);
    }
}
