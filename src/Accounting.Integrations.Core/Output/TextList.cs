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

        /// <summary>So a model's list property can be a TextList and still be given an array.</summary>
        public static implicit operator TextList(string[] items) => items == null ? null : new TextList(items);

        public override string ToString() => string.Join(", ", this);
    }

    /// <summary>A <see cref="TextList"/> that is filled as a result is built (a test's notes): one line in Export-Csv too.</summary>
    public sealed class TextCollection : Collection<string>
    {
        public override string ToString() => string.Join("; ", this);
    }
}
