using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Get-BillbeeShop: the account's shop connections, with their last sync.</summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeShop", SupportsPaging = true)]
    [OutputType(typeof(BillbeeShop))]
    public sealed class GetBillbeeShop : IntegrationCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            Run(async (writer, ct) =>
            {
                await foreach (var shop in connection.Client.GetShopsAsync(ct).ConfigureAwait(false)) if (!Window.Write(writer, shop)) break;
            }, connection);
        }
    }
}
