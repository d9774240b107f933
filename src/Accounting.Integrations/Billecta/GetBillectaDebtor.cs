using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Get-BillectaDebtor: a creditor's debtors (customers).</summary>
    [Cmdlet(VerbsCommon.Get, "BillectaDebtor", SupportsPaging = true)]
    [OutputType(typeof(BillectaDebtor))]
    public sealed class GetBillectaDebtor : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CreditorPublicId { get; set; }

        [Parameter]
        public BillectaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billecta");
            var creditor = CreditorPublicId;
            Run(async (writer, ct) =>
            {
                foreach (var d in await connection.Client.GetDebtorsAsync(creditor, ct).ConfigureAwait(false)) if (!Window.Write(writer, d)) break;
            }, creditor);
        }
    }
}
