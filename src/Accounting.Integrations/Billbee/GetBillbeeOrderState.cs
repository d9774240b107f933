using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>
    /// Get-BillbeeOrderState: every order state id the account's API lists, with English and German names, plus
    /// documented states the list leaves out (17 Retoure) marked ListedByApi false.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeOrderState")]
    [OutputType(typeof(BillbeeOrderState))]
    public sealed class GetBillbeeOrderState : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(BillbeeOrderStateCompleter))]
        public string[] Name { get; set; }

        [Parameter]
        public BillbeeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            var patterns = Name == null || Name.Length == 0 ? null : Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            Run(async (writer, ct) =>
            {
                foreach (var state in await connection.Client.GetOrderStatesAsync(ct).ConfigureAwait(false))
                    if (patterns == null || patterns.Any(p => p.IsMatch(state.Name) || p.IsMatch(state.EnglishName) || p.IsMatch(state.GermanName) || p.IsMatch(state.Id.ToString())))
                        writer.WriteObject(state);
            }, connection);
        }
    }
}
