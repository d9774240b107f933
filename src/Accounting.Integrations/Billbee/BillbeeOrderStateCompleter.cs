using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Accounting.Integrations.Core.Billbee;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Tab completion for -State: English names, then ids, with the German label as tooltip.</summary>
    public sealed class BillbeeOrderStateCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return BillbeeOrderStates.All
                .Where(s => s.EnglishName.StartsWith(word, System.StringComparison.OrdinalIgnoreCase) || s.Id.ToString().StartsWith(word))
                .Select(s => new CompletionResult(s.EnglishName, s.EnglishName, CompletionResultType.ParameterValue,
                    $"{s.Id}: {s.EnglishName} / {s.GermanName}"));
        }
    }
}
