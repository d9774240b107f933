using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Accounting.Integrations.Core.Billbee;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Tab completion for order states: English names, German names (the labels Billbee's own UI shows), then ids, each with both names as tooltip.</summary>
    public sealed class BillbeeOrderStateCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            bool Starts(string s) => s.StartsWith(word, System.StringComparison.OrdinalIgnoreCase);
            var names = BillbeeOrderStates.All.Where(s => Starts(s.EnglishName) || s.Id.ToString().StartsWith(word)).Select(s => (Text: s.EnglishName, State: s))
                .Concat(BillbeeOrderStates.All.Where(s => Starts(s.GermanName) && !string.Equals(s.GermanName, s.EnglishName, System.StringComparison.OrdinalIgnoreCase)).Select(s => (Text: s.GermanName, State: s)));
            return names
                .GroupBy(n => n.Text, System.StringComparer.OrdinalIgnoreCase).Select(g => g.First())
                .Select(n => new CompletionResult(Quote(n.Text), n.Text, CompletionResultType.ParameterValue, $"{n.State.Id}: {n.State.EnglishName} / {n.State.GermanName}"));
        }

        /// <summary>German labels have spaces and dots ("1. Mahnung"): quoted so the completed line still parses.</summary>
        static string Quote(string text) => text.Any(c => !char.IsLetterOrDigit(c) && c != '_') ? "'" + text.Replace("'", "''") + "'" : text;
    }
}
