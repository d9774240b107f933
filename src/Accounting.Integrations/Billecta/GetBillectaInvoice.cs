using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Get-BillectaInvoice: a creditor's open invoices, and those closed within a date range.</summary>
    [Cmdlet(VerbsCommon.Get, "BillectaInvoice", SupportsPaging = true)]
    [OutputType(typeof(BillectaInvoice))]
    public sealed class GetBillectaInvoice : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CreditorPublicId { get; set; }

        [Parameter]
        [ValidateSet("Open", "Closed", "All")]
        public string Status { get; set; } = "All";

        [Parameter]
        public DateTime ClosedFrom { get; set; } = DateTime.Today.AddDays(-365);

        [Parameter]
        public DateTime ClosedTo { get; set; } = DateTime.Today;

        [Parameter]
        public BillectaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            ThrowIfReversed(ClosedFrom, ClosedTo, "ClosedFrom", "ClosedTo");
            var connection = ResolveConnection(Connection, "Connect-Billecta");
            var (creditor, status, from, to) = (CreditorPublicId, Status, ClosedFrom, ClosedTo);
            Run(async (writer, ct) =>
            {
                if (status != "Closed")
                    foreach (var i in await connection.Client.GetOpenInvoicesAsync(creditor, ct).ConfigureAwait(false)) if (!Window.Write(writer, i)) break;
                if (status != "Open")
                    foreach (var i in await connection.Client.GetClosedInvoicesAsync(creditor, from, to, ct).ConfigureAwait(false)) if (!Window.Write(writer, i)) break;
            }, creditor);
        }
    }
}
