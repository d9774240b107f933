using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Get-IFirmaInvoice: sales invoices in a date range, streamed, stopping before the monthly API limit runs out.</summary>
    [Cmdlet(VerbsCommon.Get, "IFirmaInvoice", SupportsPaging = true)]
    [OutputType(typeof(IFirmaInvoice))]
    public sealed class GetIFirmaInvoice : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        public DateTime From { get; set; } = DateTime.Today.AddDays(-30);

        [Parameter(Position = 1)]
        public DateTime To { get; set; } = DateTime.Today;

        [Parameter]
        public IFirmaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            ThrowIfReversed(From.Date, To.Date, "From", "To");
            var connection = ResolveConnection(Connection, "Connect-IFirma");
            var (from, to) = (From.Date, To.Date);
            Run(async (writer, ct) =>
            {
                // Know the limit first, so that the read stops before iFirma refuses instead of after.
                if (connection.KeyNames.Contains(IFirmaKeys.Abonent))
                {
                    var limit = await connection.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                    writer.WriteVerbose($"iFirma API limit: {limit}.");
                }
                await foreach (var invoice in connection.Client.GetInvoicesAsync(from, to, ct).ConfigureAwait(false)) if (!Window.Write(writer, invoice)) break;
            }, connection);
        }
    }
}
