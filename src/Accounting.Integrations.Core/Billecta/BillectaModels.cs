using System;

namespace Accounting.Integrations.Core.Billecta
{
    public enum BillectaEnvironment
    {
        Production,
        Test,
    }

    public sealed class BillectaCreditor
    {
        public string CreditorPublicId { get; set; }
        public string OrgNo { get; set; }
        public string Name { get; set; }
        public bool IsEnabled { get; set; }
        public override string ToString() => $"{Name} ({OrgNo})";
    }

    public sealed class BillectaDebtor
    {
        public string DebtorPublicId { get; set; }
        public string CreditorPublicId { get; set; }
        public string DebtorExternalId { get; set; }
        public string OrgNo { get; set; }
        public string Name { get; set; }
        public string Email { get; set; }
        public string DebtorType { get; set; }
        public bool IsActive { get; set; }
        public override string ToString() => Name;
    }

    /// <summary>An invoice action from the open or closed lists (InvoiceActionSubView).</summary>
    public sealed class BillectaInvoice
    {
        public string ActionPublicId { get; set; }
        public string CreditorPublicId { get; set; }
        public string DebtorPublicId { get; set; }
        public string DebtorName { get; set; }
        public string InvoiceNumber { get; set; }
        public string Stage { get; set; }
        public DateTimeOffset? InvoiceDate { get; set; }
        public DateTimeOffset? DueDate { get; set; }
        public DateTimeOffset? ClosedDate { get; set; }
        /// <summary>In major units (e.g. kronor); the wire carries minor units.</summary>
        public decimal? InvoicedAmount { get; set; }
        public decimal? CurrentAmount { get; set; }
        public string Currency { get; set; }
        public bool IsOpen { get; set; }
        public override string ToString() => $"{InvoiceNumber} {DebtorName}";
    }

    public sealed class BillectaPayment
    {
        public string PaymentReferenceId { get; set; }
        public string CreditorPublicId { get; set; }
        public string ActionPublicId { get; set; }
        public string InvoiceNumber { get; set; }
        public string DebtorName { get; set; }
        public decimal? Amount { get; set; }
        public string Currency { get; set; }
        public DateTimeOffset? PaymentDate { get; set; }
        public string PaymentMeanCode { get; set; }
        public override string ToString() => $"{InvoiceNumber} {Amount}";
    }
}
