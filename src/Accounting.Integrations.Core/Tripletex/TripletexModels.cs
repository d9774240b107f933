using System;
using System.Security;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>A Tripletex API session: the token (as SecureString), when it dies, and whose it is.</summary>
    public sealed class TripletexSession
    {
        public int Id { get; set; }
        // No token here, in any form: Export-Clixml writes a SecureString as hex of its UTF-16 on Linux and macOS,
        // so a session object that is saved or logged would give away the session. The token stays in the client.
        /// <summary>The date the session dies at its start (00:00 Oslo time).</summary>
        public DateTime ExpirationDate { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal TripletexEnvironment Environment { get; set; }
        public int? CompanyId { get; set; }
        public string CompanyName { get; set; }
        public int? EmployeeId { get; set; }
        public string EmployeeName { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public override string ToString() => $"Tripletex session {Id} (expires {ExpiresAt:u})";
    }

    public sealed class TripletexCustomer
    {
        public int Id { get; set; }
        public int? CustomerNumber { get; set; }
        public string Name { get; set; }
        public string OrganizationNumber { get; set; }
        public string Email { get; set; }
        public bool IsInactive { get; set; }

        public override string ToString() => $"{CustomerNumber} {Name}";
    }

    public sealed class TripletexInvoice
    {
        public int Id { get; set; }
        public int? InvoiceNumber { get; set; }
        public DateTime? InvoiceDate { get; set; }
        public DateTime? InvoiceDueDate { get; set; }
        public int? CustomerId { get; set; }
        public decimal? Amount { get; set; }
        public decimal? AmountOutstanding { get; set; }

        public override string ToString() => $"{InvoiceNumber} {InvoiceDate:yyyy-MM-dd}";
    }

    /// <summary>One privilege of an employee (GET /employee/entitlement).</summary>
    public sealed class TripletexEntitlement
    {
        public int Id { get; set; }
        public int EntitlementId { get; set; }
        /// <summary>Tripletex's name for it; "might change between releases".</summary>
        public string Name { get; set; }
        public int? EmployeeId { get; set; }

        public override string ToString() => $"{EntitlementId} {Name}";
    }

    /// <summary>Whether the token's employee can do what an integration needs in one area.</summary>
    public sealed class TripletexAccessCheck
    {
        public string Area { get; set; }
        public string Probe { get; set; }
        public bool Granted { get; set; }
        public string Detail { get; set; }
        public string Fix { get; set; }
    }

    /// <summary>A collision, or a risk of one, between a Tripletex number series and the web shop's.</summary>
    public sealed class NumberSeriesFinding
    {
        /// <summary>"Invoice" or "Customer".</summary>
        public string Series { get; set; }
        /// <summary>"Overlap" (a number already inside the shop's range) or "Risk" (the series will run into it).</summary>
        public string Kind { get; set; }
        public int? Number { get; set; }
        public int? RecordId { get; set; }
        public string Name { get; set; }
        public string Detail { get; set; }
        public string Fix { get; set; }

        public override string ToString() => $"{Series} {Kind} {Number}: {Detail}";
    }
}
