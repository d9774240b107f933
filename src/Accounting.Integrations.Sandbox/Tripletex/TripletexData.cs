namespace Accounting.Integrations.Sandbox.Tripletex;

/// <summary>An employee; its entitlements change when a template is granted.</summary>
public sealed class TripletexEmployee(int id, string firstName, string lastName, string email, int[] entitlementIds)
{
    volatile int[] _entitlementIds = entitlementIds;
    public int Id => id;
    public string FirstName => firstName;
    public string LastName => lastName;
    public string Email => email;
    public int[] EntitlementIds { get => _entitlementIds; set => _entitlementIds = value; }
}

public sealed record TripletexCustomer(int Id, int CustomerNumber, string Name, string OrganizationNumber, string Email, bool IsInactive, DateTime Changed);

public sealed record TripletexInvoice(int Id, int InvoiceNumber, DateTime InvoiceDate, int CustomerId, decimal Amount, decimal AmountOutstanding);

/// <summary>
/// Seeded data for a seed. The company followed the seed's advice (customers from 100000, invoices from
/// 50000) except for a few records that deliberately collide with a web shop's ranges (shop customers from
/// 10000, shop invoices from 6000), so that the number-series check has exactly these to find.
/// </summary>
public sealed class TripletexData
{
    public const int CompanyId = 108_167_433;
    public const string CompanyName = "Fjordvik Handel AS";
    public static readonly int[] OverlappingCustomerNumbers = { 10_001, 10_002, 10_017 };
    public static readonly int[] OverlappingInvoiceNumbers = { 6_000, 6_001, 6_004, 6_120 };

    // Entitlement ids are Tripletex's privilege types; names "might change between releases" (tripletex.md §8.2).
    public static readonly (int Id, string Name)[] Entitlements =
    {
        (1, "ROLE_ADMINISTRATOR"), (10, "AUTH_CUSTOMER_ADMIN"), (11, "AUTH_CUSTOMER_READ"), (20, "AUTH_INVOICING"),
        (21, "AUTH_INVOICE_READ"), (30, "AUTH_ACCOUNTING_READ"), (31, "AUTH_VOUCHER_TYPES"), (40, "AUTH_EMPLOYEE_ADMIN"),
    };

    /// <summary>
    /// What each template of :grantEntitlementsByTemplate gives (tripletex.md §8.2 names the templates, not their
    /// contents: these sets are an ASSUMPTION, chosen so each differs).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int[]> Templates = new Dictionary<string, int[]>
    {
        ["NONE_PRIVILEGES"] = Array.Empty<int>(),
        ["ALL_PRIVILEGES"] = Entitlements.Select(e => e.Id).ToArray(),
        ["INVOICING_MANAGER"] = new[] { 10, 11, 20, 21 },
        ["PERSONELL_MANAGER"] = new[] { 40 },
        ["ACCOUNTANT"] = new[] { 11, 21, 30, 31 },
        ["AUDITOR"] = new[] { 11, 21, 30 },
        ["DEPARTMENT_LEADER"] = new[] { 11, 21 },
    };

    public TripletexData(int seed, TripletexSandboxOptions options, DateTime today)
    {
        var random = new Random(seed * 17 + 3);
        Admin = new TripletexEmployee(18_491_802, "Kari", "Nordmann", "kari@fjordvik.test", Entitlements.Select(e => e.Id).ToArray());
        Limited = new TripletexEmployee(18_491_877, "Ola", "Hansen", "ola@fjordvik.test", new[] { 30 });
        var customers = new List<TripletexCustomer>();
        var id = 40_000_000;
        foreach (var n in options.NumberConflicts ? OverlappingCustomerNumbers : Array.Empty<int>())
            customers.Add(new TripletexCustomer(id += 1 + random.Next(5), n, $"Gammel kunde {n}", $"9{random.Next(10_000_000, 99_999_999)}", $"gammel{n}@kunde.test", false, today.AddDays(-random.Next(400, 900))));
        for (var i = 0; i < options.CustomerCount - OverlappingCustomerNumbers.Length; i++)
            customers.Add(new TripletexCustomer(id += 1 + random.Next(5), 100_000 + i, $"Kunde {i:D5} AS", $"9{random.Next(10_000_000, 99_999_999)}",
                $"post{i}@kunde.test", options.InactiveCustomerEvery > 0 && random.Next(options.InactiveCustomerEvery) == 0, today.AddDays(-random.Next(0, 700))));
        Customers = customers;
        var invoices = new List<TripletexInvoice>();
        var invoiceId = 70_000_000;
        foreach (var n in options.NumberConflicts ? OverlappingInvoiceNumbers : Array.Empty<int>())
            invoices.Add(Invoice(invoiceId += 1 + random.Next(3), n, today.AddDays(-random.Next(300, 700))));
        for (var i = 0; i < options.InvoiceCount - OverlappingInvoiceNumbers.Length; i++)
            invoices.Add(Invoice(invoiceId += 1 + random.Next(3), 50_000 + i, today.AddDays(-random.Next(0, 720))));
        Invoices = invoices;

        TripletexInvoice Invoice(int invId, int number, DateTime date)
        {
            var amount = Math.Round((decimal)(random.NextDouble() * 20_000 + 100), 2);
            return new TripletexInvoice(invId, number, date.Date, customers[random.Next(customers.Count)].Id, amount, random.Next(4) == 0 ? amount : 0m);
        }
    }

    public TripletexEmployee Admin { get; }
    public TripletexEmployee Limited { get; }
    public IReadOnlyList<TripletexCustomer> Customers { get; }
    public IReadOnlyList<TripletexInvoice> Invoices { get; }
}
