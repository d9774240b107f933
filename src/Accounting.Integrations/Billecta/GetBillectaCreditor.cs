using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Get-BillectaCreditor: every creditor the API user can read.</summary>
    [Cmdlet(VerbsCommon.Get, "BillectaCreditor", SupportsPaging = true)]
    [OutputType(typeof(BillectaCreditor))]
    public sealed class GetBillectaCreditor : IntegrationCmdlet
    {
        [Parameter]
        public BillectaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billecta");
            Run(async (writer, ct) =>
            {
                foreach (var c in await connection.Client.GetCreditorsAsync(ct).ConfigureAwait(false)) if (!Window.Write(writer, c)) break;
            }, connection);
        }
    }
}
