using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>Tab completion for integration keys: the monitors of the session's Lime connection (one call, cached a minute).</summary>
    public sealed class IntegrationKeyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as LimeConnection ?? fakeBoundParameters?["Connection"] as LimeConnection
                ?? SessionConnections.Get<LimeConnection>();
            var items = LiveCompletion.Items(connection, "integration keys", async ct =>
                (await connection.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false))
                    .Where(m => !string.IsNullOrEmpty(m.IntegrationKey)).GroupBy(m => m.IntegrationKey, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, $"{g.First().Name} ({g.First().AlertStatus})")).ToArray());
            return items.Where(i => i.Text.StartsWith(word, StringComparison.OrdinalIgnoreCase)).OrderBy(i => i.Text, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(LiveCompletion.Quote(i.Text), i.Text, CompletionResultType.ParameterValue, i.Tip));
        }
    }
}
