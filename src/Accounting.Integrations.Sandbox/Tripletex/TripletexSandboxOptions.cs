namespace Accounting.Integrations.Sandbox.Tripletex;

/// <summary>Tripletex emulation knobs. Defaults follow tripletex.md; unknowns are marked ASSUMPTION.</summary>
public sealed class TripletexSandboxOptions
{
    public int CustomerCount { get; set; } = 5_400;
    public int InvoiceCount { get; set; } = 2_400;
    /// <summary>ASSUMPTION (tripletex.md §5, §13: numbers unpublished): calls allowed per period per employee and consumer.</summary>
    public int RateLimit { get; set; } = 600;
    public TimeSpan RatePeriod { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Issue #103: 429 answers carry no X-Rate-Limit-Reset. On by default, as observed.</summary>
    public bool OmitResetOn429 { get; set; } = true;
    /// <summary>"Result set too large. Limit of 10.000 reached." (tripletex.md §3.2), changeable so tests need not seed 10 000 rows.</summary>
    public int ResultSetLimit { get; set; } = 10_000;
    /// <summary>
    /// ASSUMPTION (tripletex.md §8.2 does not say): granting an employee template replaces the employee's
    /// entitlements, as the client-template call does by default (addToExisting=false). True adds instead.
    /// </summary>
    public bool TemplateGrantAddsToExisting { get; set; }
    /// <summary>
    /// Seed a few customers and invoices inside a web shop's ranges (customers from 10000, invoices from
    /// 6000), as a company that has run a shop before has. Off: the company followed the seed's advice.
    /// </summary>
    public bool NumberConflicts { get; set; } = true;
    /// <summary>One customer in this many is inactive (0: none), so tests can seed an exact number of active ones.</summary>
    public int InactiveCustomerEvery { get; set; } = 25;
    /// <summary>
    /// A session ends before its date after this many authenticated calls (a revoked token, a server restart,
    /// a session deleted by another tool: tripletex.md §2.3 recommends making a new one on a 401). 0 ends a
    /// session at its first use, so even a fresh session is refused. Off (null) by default: the spec does not
    /// say how often it happens.
    /// </summary>
    public int? SessionCallBudget { get; set; }
}
