using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Get-BillbeeOrderState: every order state id the account's API lists, with English and German names.</summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeOrderState")]
    [OutputType(typeof(BillbeeOrderState))]
    public sealed class GetBillbeeOrderState : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; }

        [Parameter]
        public BillbeeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            var pattern = string.IsNullOrEmpty(Name) ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            Run(async (writer, ct) =>
            {
                foreach (var state in await connection.Client.GetOrderStatesAsync(ct).ConfigureAwait(false))
                    if (pattern == null || pattern.IsMatch(state.Name) || pattern.IsMatch(state.EnglishName) || pattern.IsMatch(state.GermanName) || pattern.IsMatch(state.Id.ToString()))
                        writer.WriteObject(state);
            }, connection);
        }
    }
}
