using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Get-BillectaPayment: incoming payments matched to a creditor's invoices within a date range.</summary>
    [Cmdlet(VerbsCommon.Get, "BillectaPayment", SupportsPaging = true)]
    [OutputType(typeof(BillectaPayment))]
    public sealed class GetBillectaPayment : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CreditorPublicId { get; set; }

        [Parameter]
        public DateTime From { get; set; } = DateTime.Today.AddDays(-30);

        [Parameter]
        public DateTime To { get; set; } = DateTime.Today;

        [Parameter]
        public BillectaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            ThrowIfReversed(From, To, "From", "To");
            var connection = ResolveConnection(Connection, "Connect-Billecta");
            var (creditor, from, to) = (CreditorPublicId, From, To);
            Run(async (writer, ct) =>
            {
                foreach (var p in await connection.Client.GetIncomingPaymentsAsync(creditor, from, to, ct).ConfigureAwait(false)) if (!Window.Write(writer, p)) break;
            }, creditor);
        }
    }
}
