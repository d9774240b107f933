using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Tab completion for shop ids: the shops of the session's Billbee connection, by id or name, the name as tooltip.</summary>
    public sealed class BillbeeShopCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as BillbeeConnection ?? fakeBoundParameters?["Connection"] as BillbeeConnection
                ?? SessionConnections.Get<BillbeeConnection>();
            var items = LiveCompletion.Items(connection, "shops", async ct =>
            {
                var shops = new List<(string, string)>();
                await foreach (var shop in connection.Client.GetShopsAsync(ct).ConfigureAwait(false))
                    shops.Add((shop.Id.ToString(CultureInfo.InvariantCulture), shop.Name ?? ""));
                return shops.ToArray();
            });
            // A shop is found by its id or by its name; the completion is always the id, which is what -ShopId takes.
            return items.Where(i => i.Text.StartsWith(word, StringComparison.Ordinal) || i.Tip.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(i => new CompletionResult(i.Text, i.Text + " " + i.Tip, CompletionResultType.ParameterValue, i.Tip));
        }
    }
}
