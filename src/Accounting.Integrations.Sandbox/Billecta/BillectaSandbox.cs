using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Billecta;

/// <summary>A Billecta API user of one environment.</summary>
public sealed record BillectaUser(string Environment, string Username, string Password);

/// <summary>
/// Billecta REST v1 as billecta.md describes it, for both environments at once (/billecta/prod/v1 and
/// /billecta/test/v1, separate logins): Basic or SecureToken auth, the token exchange, PascalCase JSON,
/// plain-array lists, amounts in minor units, Stockholm date-times, and {Message} errors.
/// </summary>
public sealed partial class BillectaSandbox : ISandboxService
{
    static readonly JsonSerializerOptions Pascal = new() { PropertyNamingPolicy = null };
    readonly Dictionary<string, (BillectaUser User, DateTimeOffset Expires)> _tokens = new();
    readonly object _gate = new();
    SandboxState _state = null!;

    public BillectaSandbox(int seed, DateTime today, int invoiceCount = 70, int debtorCount = 50)
    {
        string Pw(string who) => "Sbx-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"billecta:{seed}:{who}")))[..12] + "Aa1";
        Production = new BillectaUser("prod", "api@fjordvik.se", Pw("prod"));
        Test = new BillectaUser("test", "api-test@fjordvik.se", Pw("test"));
        var random = new Random(seed * 7 + 11);
        Creditors = new[] { ("Fjordvik Fastigheter AB", "556677-8899"), ("Fjordvik Service AB", "559911-2233") }
            .Select((c, i) => new Dictionary<string, object?>
            {
                ["CreditorPublicId"] = Guid(random), ["OrgNo"] = c.Item2, ["Name"] = c.Item1, ["IsEnabled"] = true, ["CountryCode"] = "SE", ["NextInvoiceNumber"] = 1000 + i,
            }).ToList();
        var creditorId = (string)Creditors[0]["CreditorPublicId"]!;
        Debtors = Enumerable.Range(1, debtorCount).Select(i => new Dictionary<string, object?>
        {
            ["DebtorPublicId"] = Guid(random), ["CreditorPublicId"] = creditorId, ["DebtorExternalId"] = $"LIME-{i}", ["OrgNo"] = $"19{random.Next(50, 99)}0101-{random.Next(1000, 9999)}",
            ["Name"] = $"Hyresgäst {i}", ["Email"] = $"hyresgast{i}@example.test", ["DebtorType"] = i % 5 == 0 ? "Company" : "Private", ["IsActive"] = true,
        }).ToList();
        Invoices = Enumerable.Range(1, invoiceCount).Select(i =>
        {
            var debtor = Debtors[random.Next(Debtors.Count)];
            var date = today.AddDays(-random.Next(0, 200));
            var amount = random.Next(2_000, 40_000) * 100;
            var open = i <= invoiceCount * 3 / 7; // 30 of the default 70
            return new Dictionary<string, object?>
            {
                ["ActionPublicId"] = (7_545_769_000L + i * 7).ToString(CultureInfo.InvariantCulture), ["CreditorPublicId"] = creditorId,
                ["DebtorPublicId"] = debtor["DebtorPublicId"], ["DebtorName"] = debtor["Name"], ["InvoiceNumber"] = (1000 + i).ToString(CultureInfo.InvariantCulture),
                ["Stage"] = open ? "InvoiceSent" : "Completed", ["InvoiceDate"] = Stockholm(date), ["DueDate"] = Stockholm(date.AddDays(30)),
                ["ClosedDate"] = open ? null : Stockholm(Min(date.AddDays(random.Next(5, 30)), today)),
                ["InvoicedAmount"] = Amount(amount), ["CurrentAmount"] = Amount(open ? amount : 0),
            };
        }).ToList();
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public string Name => "billecta";
    public string BasePath => "billecta/prod/v1/";
    public string TestBasePath => "billecta/test/v1/";
    public BillectaUser Production { get; }
    public BillectaUser Test { get; }
    public IReadOnlyList<Dictionary<string, object?>> Creditors { get; }
    public IReadOnlyList<Dictionary<string, object?>> Debtors { get; }
    public IReadOnlyList<Dictionary<string, object?>> Invoices { get; }

    /// <summary>How long a SecureToken lives. ASSUMPTION (billecta.md §2.2, §13 q2: the real lifetime is unknown): one day.</summary>
    public TimeSpan SecureTokenLifetime { get; set; } = TimeSpan.FromDays(1);
    /// <summary>
    /// A server-side cap: no list answer holds more than this many records (off by default; billecta.md §4.8 names no
    /// maximum). With paging, the cap applies to each page.
    /// </summary>
    public int? ListCap { get; set; }
    /// <summary>SecureTokens issued (token exchanges answered).</summary>
    public int TokensIssued { get; private set; }

    public object DemoAccount() => new { production = Production, test = Test, productionUrl = BasePath, testUrl = TestBasePath };

    public void Attach(SandboxState state) => _state = state;

    static string Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    static readonly TimeZoneInfo Stockholm_ = FindStockholm();
    static TimeZoneInfo FindStockholm()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    /// <summary>"YYYY-MM-DD HH:MM:SS+HH:MM", Stockholm local time (billecta.md §6).</summary>
    static string Stockholm(DateTime day)
    {
        var local = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        var offset = Stockholm_.GetUtcOffset(local);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    static Dictionary<string, object?> Amount(long minor) => new() { ["CurrencyCode"] = "SEK", ["Value"] = minor, ["ValueForView"] = minor / 100.0 };

    public void Map(WebApplication app)
    {
        foreach (var (env, user) in new[] { ("prod", Production), ("test", Test) })
        {
            var api = app.MapGroup($"/billecta/{env}/v1");
            api.AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var isExchange = http.Request.Path.Value!.EndsWith("/authentication/apiauthenticate", StringComparison.OrdinalIgnoreCase);
                if (!Authenticate(http, user, allowToken: !isExchange))
                    return Results.Json(new { Message = "Authorization has been denied for this request.", ExternalErrorCode = (string?)null }, Pascal, statusCode: 401); // ASSUMPTION (billecta.md §2.2)
                http.Items[SandboxState.IdentityItem] = user.Username;
                return await next(context);
            });
            api.MapPost("/authentication/apiauthenticate", () =>
            {
                var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)); // looks like base64, ends in = like the real ones
                var expires = _state.UtcNow + SecureTokenLifetime;
                lock (_gate) { _tokens[token] = (user, expires); TokensIssued++; }
                return Results.Json(new { Value = token, Expires = expires.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture) }, Pascal);
            });
            // Test data lives in production only; the test environment answers with one demo creditor and nothing else.
            var isProd = env == "prod";
            api.MapGet("/creditors/creditors", (HttpRequest request) => List(request, isProd ? Creditors : Creditors.Take(1).Select(c => new Dictionary<string, object?>(c) { ["Name"] = "Demo AB (test)" })));
            api.MapGet("/debtors/debtors/{creditor}", (string creditor, HttpRequest request) =>
                Known(creditor, isProd) ? List(request, Debtors.Where(d => (string)d["CreditorPublicId"]! == creditor)) : NotFound());
            api.MapGet("/invoice/open/{creditor}", (string creditor, HttpRequest request) =>
                Known(creditor, isProd) ? List(request, Invoices.Where(i => (string)i["CreditorPublicId"]! == creditor && i["ClosedDate"] == null), pageable: false) : NotFound());
            api.MapGet("/invoice/closed/{creditor}", (string creditor, string? from, string? to, HttpRequest request) =>
            {
                if (!Known(creditor, isProd)) return NotFound();
                if (!DateTime.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) || !DateTime.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                    return Results.Json(new { Message = "from and to are required dates (YYYY-MM-DD)." }, Pascal, statusCode: 400);
                return List(request, Invoices.Where(i => (string)i["CreditorPublicId"]! == creditor && i["ClosedDate"] is string c
                    && DateTime.Parse(c[..10], CultureInfo.InvariantCulture) >= f && DateTime.Parse(c[..10], CultureInfo.InvariantCulture) <= t), pageable: false);
            });
            api.MapPut("/payments/incomingpayments", async (HttpRequest request) =>
            {
                using var doc = await JsonDocument.ParseAsync(request.Body);
                var creditor = doc.RootElement.TryGetProperty("CreditorPublicId", out var c) ? c.GetString() : null;
                if (creditor == null || !Known(creditor, isProd)) return NotFound();
                // From and To are date-times (IncomingPaymentRequestView); a bare date is read as its midnight, so a To of
                // "2026-01-31" leaves out what was paid later that day. ASSUMPTION (billecta.md §6 gives the format, not this reading).
                DateTimeOffset? Bound(string name) =>
                    doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && TryDateTime(v.GetString()!, out var d) ? d : null;
                var (from, to) = (Bound("From"), Bound("To"));
                var payments = Invoices.Where(i => (string)i["CreditorPublicId"]! == creditor && i["ClosedDate"] != null)
                    .Select(i => (Invoice: i, Paid: PaymentTime((string)i["ClosedDate"]!)))
                    .Where(p => (from == null || p.Paid >= from) && (to == null || p.Paid <= to))
                    .Select(p => new Dictionary<string, object?>
                    {
                        ["CreditorPublicId"] = creditor, ["InvoiceNumber"] = p.Invoice["InvoiceNumber"], ["ActionPublicId"] = p.Invoice["ActionPublicId"], ["ActionType"] = "InvoiceAction",
                        ["DebtorPublicId"] = p.Invoice["DebtorPublicId"], ["DebtorName"] = p.Invoice["DebtorName"], ["Amount"] = p.Invoice["InvoicedAmount"],
                        ["PaymentDate"] = p.Paid.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
                        ["PaymentMeanCode"] = "BG", ["PaymentReferenceId"] = System.Guid.NewGuid().ToString(), ["OCR"] = "",
                    });
                return List(request, payments, pageable: false);
            });
        }
    }

    /// <summary>
    /// A plain-array list. offset/limit are honoured where billecta.md §3-4 lists them (creditors, debtors; key names
    /// ASSUMED from S3), and the server-side cap, when switched on, trims every answer.
    /// </summary>
    IResult List(HttpRequest request, IEnumerable<Dictionary<string, object?>> rows, bool pageable = true)
    {
        if (pageable)
        {
            if (int.TryParse(request.Query["offset"], out var offset) && offset > 0) rows = rows.Skip(offset);
            if (int.TryParse(request.Query["limit"], out var limit) && limit > 0) rows = rows.Take(limit);
        }
        if (ListCap is { } cap) rows = rows.Take(cap);
        return Results.Json(rows, Pascal);
    }

    /// <summary>Payments arrive in the afternoon of the invoice's closing day (Stockholm time), so a range's last day matters.</summary>
    static DateTimeOffset PaymentTime(string closedDate)
    {
        TryDateTime(closedDate, out var day);
        return day.AddHours(14.5);
    }

    static bool TryDateTime(string text, out DateTimeOffset value)
    {
        var formats = new[] { "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd" };
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            // Without an offset the time is Stockholm's.
            if (!text.Contains('+') && text.LastIndexOf('-') <= 7)
                value = new DateTimeOffset(value.DateTime, Stockholm_.GetUtcOffset(value.DateTime));
            return true;
        }
        return false;
    }

    bool Known(string creditor, bool isProd) => Creditors.Take(isProd ? Creditors.Count : 1).Any(c => (string)c["CreditorPublicId"]! == creditor);

    static IResult NotFound() => Results.Json(new { Message = "The requested object was not found.", ExternalErrorCode = (string?)null }, Pascal, statusCode: 404);

    /// <summary>Basic with the environment's user, or SecureToken base64(token) for a token issued there.</summary>
    bool Authenticate(HttpContext http, BillectaUser user, bool allowToken)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        if (space < 0) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[(space + 1)..])); }
        catch (FormatException) { return false; }
        switch (header[..space])
        {
            case "Basic":
                return decoded == user.Username + ":" + user.Password;
            case "SecureToken" when allowToken:
                lock (_gate) return _tokens.TryGetValue(decoded, out var t) && t.User == user && t.Expires > _state.UtcNow;
            default:
                return false;
        }
    }
}
