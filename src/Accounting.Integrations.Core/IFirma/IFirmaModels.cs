using System;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>The monthly API limit as far as iFirma tells (limit.json gives only used and granted).</summary>
    public sealed class IFirmaApiLimit
    {
        public int Granted { get; set; }
        public int Used { get; set; }
        public int Remaining => Math.Max(0, Granted - Used);
        /// <summary>ASSUMPTION (ifirma.md §3): the monthly counter resets on the 1st of the next month.</summary>
        public DateTime ResetsOn { get; set; }
        /// <summary>The API does not say whether extended access is on; null means unknown.</summary>
        public bool? ExtendedAccess { get; set; }
        public string Notes { get; set; }

        public override string ToString() => $"{Used} of {Granted} used, {Remaining} left until {ResetsOn:yyyy-MM-dd}";
    }

    /// <summary>What Request-IFirmaApiLimit found and what to enter in iFirma's form (the API cannot raise a limit).</summary>
    public sealed class IFirmaLimitRequest
    {
        public int CurrentLimit { get; set; }
        public int UsedThisMonth { get; set; }
        public int ProjectedThisMonth { get; set; }
        public int Requested { get; set; }
        public bool Needed { get; set; }
        /// <summary>Always false: iFirma has no API to submit the request (ifirma.md §3).</summary>
        public bool Submitted { get; set; }
        public Output.TextList Steps { get; set; } = new string[0];
        public string Advice { get; set; }
    }

    /// <summary>A sales invoice from faktury.json.</summary>
    public sealed class IFirmaInvoice
    {
        public int Id { get; set; }
        public string FullNumber { get; set; }
        public DateTime? IssueDate { get; set; }
        public DateTime? DueDate { get; set; }
        public decimal? Gross { get; set; }
        public decimal? Paid { get; set; }
        public string Currency { get; set; }
        public string ContractorName { get; set; }
        public string ContractorNip { get; set; }
        public string Kind { get; set; }

        public override string ToString() => $"{FullNumber} {IssueDate:yyyy-MM-dd}";
    }

    public sealed class IFirmaAccountingMonth
    {
        public int Year { get; set; }
        public int Month { get; set; }
        public override string ToString() => $"{Month:00}-{Year}";
    }
}
