using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// The seed's number-series advice as a check (tripletex.md §9): Tripletex's customer numbers should
    /// start at 100000 and its invoice series away from the web shop's (which starts at 6000), e.g. at
    /// 50000. The API cannot read the series settings, so the check reads the numbers in use.
    /// </summary>
    public sealed class NumberSeriesCheck
    {
        public int ShopInvoiceStart { get; set; } = 6000;
        /// <summary>Where Tripletex's invoice series should start; the shop's range is taken to end here.</summary>
        public int TripletexInvoiceStart { get; set; } = 50000;
        /// <summary>The shop's first customer number, when the shop numbers customers too.</summary>
        public int? ShopCustomerStart { get; set; }
        public int TripletexCustomerStart { get; set; } = 100000;

        /// <summary>Where a new Tripletex company numbers its customers until someone changes it (tripletex.md §4 and §9, observed: 10001…).</summary>
        public const int DefaultFirstCustomerNumber = 10001;

        /// <summary>How many numbers were read, and what they showed.</summary>
        public sealed class Outcome
        {
            public int Customers { get; set; }
            public int Invoices { get; set; }
            public IReadOnlyList<NumberSeriesFinding> Findings { get; set; }
        }

        /// <summary>Reads every customer (active and inactive) and every invoice dated from <paramref name="invoicesSince"/>, then evaluates them.</summary>
        public async Task<Outcome> RunAsync(TripletexClient client, DateTime invoicesSince, CancellationToken cancellationToken)
        {
            var customers = new List<TripletexCustomer>();
            foreach (var inactive in new[] { false, true })
                await foreach (var c in client.GetCustomersAsync(inactive, cancellationToken).ConfigureAwait(false)) customers.Add(c);
            var invoices = new List<TripletexInvoice>();
            await foreach (var i in client.GetInvoicesAsync(invoicesSince, DateTime.Today.AddDays(2), cancellationToken).ConfigureAwait(false)) invoices.Add(i);
            return new Outcome { Customers = customers.Count, Invoices = invoices.Count, Findings = Evaluate(customers, invoices) };
        }

        public IReadOnlyList<NumberSeriesFinding> Evaluate(IEnumerable<TripletexCustomer> customers, IEnumerable<TripletexInvoice> invoices)
        {
            var findings = new List<NumberSeriesFinding>();
            var invoiceList = invoices.Where(i => i.InvoiceNumber.HasValue).ToList();
            var invoiceFix = $"In Tripletex: Regnskap > Regnskapsinnstillinger > Bilagstyper/nummerserier: start the invoice series at {TripletexInvoiceStart} (clear of the shop's {ShopInvoiceStart} and up).";
            foreach (var i in invoiceList.Where(i => i.InvoiceNumber >= ShopInvoiceStart && i.InvoiceNumber < TripletexInvoiceStart).OrderBy(i => i.InvoiceNumber))
                findings.Add(new NumberSeriesFinding
                {
                    Series = "Invoice", Kind = "Overlap", Number = i.InvoiceNumber, RecordId = i.Id,
                    Detail = $"Invoice {i.InvoiceNumber} ({i.InvoiceDate:yyyy-MM-dd}) lies in the shop's invoice range {ShopInvoiceStart}–{TripletexInvoiceStart - 1}.",
                    Fix = invoiceFix + " An imported invoice keeps its number; make sure the shop will not issue it again.",
                });
            var below = invoiceList.Where(i => i.InvoiceNumber < ShopInvoiceStart).ToList();
            if (below.Count > 0)
            {
                var highest = below.Max(i => i.InvoiceNumber.Value);
                findings.Add(new NumberSeriesFinding
                {
                    Series = "Invoice", Kind = "Risk", Number = highest,
                    Detail = $"{below.Count} invoices are numbered below the shop's {ShopInvoiceStart}; if the series continues from {highest}, it reaches the shop's numbers after {ShopInvoiceStart - highest - 1} more invoices.",
                    Fix = invoiceFix,
                });
            }
            else if (invoiceList.Count == 0)
                findings.Add(new NumberSeriesFinding
                {
                    Series = "Invoice", Kind = "Risk",
                    Detail = "No invoices yet, so the series cannot be seen; a new company starts at 1.",
                    Fix = invoiceFix + " Do it before the first invoice.",
                });

            var customerList = customers.Where(c => c.CustomerNumber.HasValue).ToList();
            var customerFix = $"In Tripletex: Kunde > Innstillinger: set the next customer number to {TripletexCustomerStart}.";
            if (customerList.Count == 0)
            {
                // No customers yet, so no numbers to read; the company's default numbering is known, and it is where the first ones will land.
                var inShopRange = ShopCustomerStart.HasValue
                    ? DefaultFirstCustomerNumber >= ShopCustomerStart && DefaultFirstCustomerNumber < TripletexCustomerStart
                    : DefaultFirstCustomerNumber < TripletexCustomerStart;
                if (inShopRange)
                    findings.Add(new NumberSeriesFinding
                    {
                        Series = "Customer", Kind = "Risk", Number = DefaultFirstCustomerNumber,
                        Detail = ShopCustomerStart.HasValue
                            ? $"No customers yet, so the series cannot be seen; a new Tripletex company numbers customers from {DefaultFirstCustomerNumber}, inside the shop's customer range {ShopCustomerStart}–{TripletexCustomerStart - 1}."
                            : $"No customers yet, so the series cannot be seen; a new Tripletex company numbers customers from {DefaultFirstCustomerNumber}, below {TripletexCustomerStart}, where a web shop's customer numbers may be; pass -ShopCustomerStart to check it exactly.",
                        Fix = customerFix + " Do it before the first customer.",
                    });
            }
            else if (ShopCustomerStart.HasValue)
            {
                foreach (var c in customerList.Where(c => c.CustomerNumber >= ShopCustomerStart && c.CustomerNumber < TripletexCustomerStart).OrderBy(c => c.CustomerNumber))
                    findings.Add(new NumberSeriesFinding
                    {
                        Series = "Customer", Kind = "Overlap", Number = c.CustomerNumber, RecordId = c.Id, Name = c.Name,
                        Detail = $"Customer {c.CustomerNumber} ({c.Name}) lies in the shop's customer range {ShopCustomerStart}–{TripletexCustomerStart - 1}.",
                        Fix = customerFix + " Renumber this customer above it, or confirm the shop never issues this number.",
                    });
                var belowCustomers = customerList.Where(c => c.CustomerNumber < ShopCustomerStart).ToList();
                if (belowCustomers.Count > 0)
                    findings.Add(new NumberSeriesFinding
                    {
                        Series = "Customer", Kind = "Risk", Number = belowCustomers.Max(c => c.CustomerNumber),
                        Detail = $"{belowCustomers.Count} customers are numbered below the shop's {ShopCustomerStart}; a series continuing from there runs into the shop's numbers.",
                        Fix = customerFix,
                    });
            }
            else
            {
                var low = customerList.Where(c => c.CustomerNumber < TripletexCustomerStart).ToList();
                if (low.Count > 0)
                    findings.Add(new NumberSeriesFinding
                    {
                        Series = "Customer", Kind = "Risk", Number = low.Max(c => c.CustomerNumber),
                        Detail = $"{low.Count} customers are numbered below {TripletexCustomerStart}, where a web shop's customer numbers may be; pass -ShopCustomerStart to check them exactly.",
                        Fix = customerFix,
                    });
            }
            return findings;
        }
    }
}
