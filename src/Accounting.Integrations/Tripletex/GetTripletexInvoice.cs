using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexInvoice: outgoing invoices in a date range (the API requires one; the last 365 days by default).</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexInvoice", SupportsPaging = true)]
    [OutputType(typeof(TripletexInvoice))]
    public sealed class GetTripletexInvoice : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        public DateTime From { get; set; } = DateTime.Today.AddDays(-365);

        /// <summary>Inclusive here; the API's own "to" is exclusive, so a day is added.</summary>
        [Parameter(Position = 1)]
        public DateTime To { get; set; } = DateTime.Today;

        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            ThrowIfReversed(From.Date, To.Date, "From", "To");
            if (To.Date >= DateTime.MaxValue.Date)
                ThrowParameterError("To", "-To 9999-12-31 leaves no day after it for the exclusive end of the range; give an earlier date, e.g. 2100-01-01.", To);
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            var from = From.Date;
            var to = To.Date.AddDays(1);
            Run(async (writer, ct) =>
            {
                await foreach (var invoice in connection.Client.GetInvoicesAsync(from, to, ct).ConfigureAwait(false)) if (!Window.Write(writer, invoice)) break;
            }, connection);
        }
    }
}
