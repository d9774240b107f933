using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>
    /// Test-TripletexNumberSeries: reads every customer and invoice number in use and reports each overlap,
    /// or risk of one, with the web shop's ranges. The series settings themselves have no API.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TripletexNumberSeries")]
    [OutputType(typeof(NumberSeriesFinding))]
    public sealed class TestTripletexNumberSeries : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, int.MaxValue)]
        public int ShopInvoiceStart { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ShopCustomerStart { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TripletexInvoiceStart { get; set; } = 50000;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TripletexCustomerStart { get; set; } = 100000;

        [Parameter]
        public DateTime InvoicesSince { get; set; } = new DateTime(2000, 1, 1);

        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            if (TripletexInvoiceStart <= ShopInvoiceStart)
                ThrowParameterError("TripletexInvoiceStart", $"-TripletexInvoiceStart ({TripletexInvoiceStart}) must lie above -ShopInvoiceStart ({ShopInvoiceStart}); the seed's example is 50000 above a shop's 6000.");
            var bound = MyInvocation.BoundParameters.ContainsKey(nameof(ShopCustomerStart));
            if (bound && TripletexCustomerStart <= ShopCustomerStart)
                ThrowParameterError("TripletexCustomerStart", $"-TripletexCustomerStart ({TripletexCustomerStart}) must lie above -ShopCustomerStart ({ShopCustomerStart}).");
            var check = new NumberSeriesCheck
            {
                ShopInvoiceStart = ShopInvoiceStart, TripletexInvoiceStart = TripletexInvoiceStart,
                ShopCustomerStart = bound ? ShopCustomerStart : (int?)null, TripletexCustomerStart = TripletexCustomerStart,
            };
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            var since = InvoicesSince.Date;
            Run(async (writer, ct) =>
            {
                var outcome = await check.RunAsync(connection.Client, since, ct).ConfigureAwait(false);
                writer.WriteVerbose($"Checked {outcome.Customers} customers and {outcome.Invoices} invoices dated from {since:yyyy-MM-dd}.");
                foreach (var finding in outcome.Findings) writer.WriteObject(finding);
            }, connection);
        }
    }
}
