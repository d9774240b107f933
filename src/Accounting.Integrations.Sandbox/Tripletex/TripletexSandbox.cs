using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Tripletex;

/// <summary>
/// Tripletex API v2 as tripletex.md describes it: sessions from consumer + employee tokens that die at
/// midnight Oslo time on their expiration date, Basic auth with the session token, the value/values
/// envelopes with from/count paging and fields, the error body, x-tlx-request-id and the rate-limit
/// headers with 429, entitlements, and seeded customers and invoices.
/// </summary>
public sealed partial class TripletexSandbox : ISandboxService
{
    const string Prefix = "/tripletex/v2";
    static readonly TimeZoneInfo Oslo = FindOslo();
    readonly TripletexSandboxOptions _options;

    /// <summary>The knobs, changeable while running (tests tighten the rate limit).</summary>
    public TripletexSandboxOptions Options => _options;
    readonly ConcurrentDictionary<string, Session> _sessions = new();
    readonly ConcurrentDictionary<int, Window> _windows = new();
    SandboxState _state = null!;
    int _sessionIds = 56_756;

    sealed record Session(int Id, string Token, TripletexEmployee Employee, DateTime ExpirationDate);

    sealed class Window
    {
        public DateTimeOffset Start;
        public int Used;
    }

    public TripletexSandbox(TripletexSandboxOptions options, int seed, DateTime today)
    {
        _options = options;
        Data = new TripletexData(seed, options, today);
        ConsumerToken = "test-consumer-" + Hex(seed, "consumer", 28);
        EmployeeTokens = new Dictionary<string, TripletexEmployee>
        {
            ["test-employee-" + Hex(seed, "admin", 28)] = Data.Admin,
            ["test-employee-" + Hex(seed, "limited", 28)] = Data.Limited,
            ["test-employee-" + Hex(seed, "accountant", 28)] = Accountant,
        };
    }

    public string Name => "tripletex";
    public string BasePath => "tripletex/v2/";
    public TripletexData Data { get; }
    public string ConsumerToken { get; }
    public IReadOnlyDictionary<string, TripletexEmployee> EmployeeTokens { get; }
    public string AdminEmployeeToken => EmployeeTokens.First(t => t.Value == Data.Admin).Key;
    public string LimitedEmployeeToken => EmployeeTokens.First(t => t.Value == Data.Limited).Key;
    /// <summary>Sessions alive now, for tests: created and not deleted (expired ones included).</summary>
    public int SessionCount => _sessions.Count;
    /// <summary>The session tokens issued and alive: canaries for a test that looks for them in the module's output.</summary>
    public IReadOnlyCollection<string> SessionTokens => _sessions.Keys.ToList();

    /// <summary>Starts every employee's rate-limit period afresh (tests that change the budget start from zero).</summary>
    public void ResetRateWindows() => _windows.Clear();

    readonly ConcurrentDictionary<string, bool> _expiredEmployeeTokens = new();
    readonly ConcurrentDictionary<string, int> _sessionCalls = new();

    /// <summary>Ends every session now, as a server restart or another tool deleting them would; returns how many ended.</summary>
    public int EndSessions()
    {
        var ended = 0;
        foreach (var token in _sessions.Keys) if (_sessions.TryRemove(token, out _)) ended++;
        return ended;
    }

    /// <summary>Sessions made since the sandbox started (ended, expired and deleted ones included).</summary>
    public int SessionsCreated => _sessionIds - 56_756;

    /// <summary>The employee token's own expiry passed (tokens made by :create carry an expirationDate, tripletex.md §2.7).</summary>
    public void ExpireEmployeeToken(string employeeToken) => _expiredEmployeeTokens[employeeToken] = true;

    public object DemoAccount() => new
    {
        consumerToken = ConsumerToken, employeeToken = AdminEmployeeToken, baseUrl = BasePath,
        // The employee whose rights an integration's policy document pins down (a user with read access only).
        integrationEmployee = new { id = Data.Limited.Id, name = Data.Limited.FirstName + " " + Data.Limited.LastName },
    };

    public void Attach(SandboxState state) => _state = state;

    static string Hex(int seed, string purpose, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"tripletex:{seed}:{purpose}")))[..length];

    static TimeZoneInfo FindOslo()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Oslo", TimeSpan.FromHours(1), "Oslo", "Oslo"); }
    }

    DateTime OsloToday => TimeZoneInfo.ConvertTime(_state.UtcNow, Oslo).Date;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers["x-tlx-request-id"] = Guid.NewGuid().ToString();
            var isCreate = http.Request.Path.Value!.EndsWith("/token/session/:create", StringComparison.Ordinal);
            Session? session = null;
            if (!isCreate)
            {
                var refusal = Authenticate(http, out session);
                if (refusal != null) return refusal;
            }
            var employee = session?.Employee ?? (EmployeeTokens.TryGetValue(http.Request.Query["employeeToken"].ToString(), out var e) ? e : null);
            if (employee != null)
            {
                var limited = RateLimit(http, employee);
                if (limited != null) return limited;
            }
            http.Items["tripletex.session"] = session;
            return await next(context);
        });

        api.MapPut("/token/session/:create", (HttpRequest request) =>
        {
            var missing = new[] { "consumerToken", "employeeToken", "expirationDate" }.Where(p => string.IsNullOrEmpty(request.Query[p])).ToList();
            if (missing.Count > 0)
                return Error(request.HttpContext, 422, 15000, "Validering feilet.", null, missing.Select(m => (m, "Kan ikke være null.")).ToArray());
            if (request.Query["consumerToken"] != ConsumerToken)
                return Error(request.HttpContext, 422, 18000, "Validering feilet.", "VALIDATION_ERROR", ("arg:consumerToken", "The consumer token is invalid or does not exist."));
            // ASSUMPTION (tripletex.md §2.2, by analogy with the observed consumer-token answer).
            if (!EmployeeTokens.TryGetValue(request.Query["employeeToken"].ToString(), out var employee))
                return Error(request.HttpContext, 422, 18000, "Validering feilet.", "VALIDATION_ERROR", ("arg:employeeToken", "The employee token is invalid or does not exist."));
            // ASSUMPTION: an expired employee token is refused like an unknown one, with its own message.
            if (_expiredEmployeeTokens.ContainsKey(request.Query["employeeToken"].ToString()))
                return Error(request.HttpContext, 422, 18000, "Validering feilet.", "VALIDATION_ERROR", ("arg:employeeToken", "The employee token has expired."));
            if (!DateTime.TryParseExact(request.Query["expirationDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
                return Error(request.HttpContext, 422, 15000, "Validering feilet.", null, ("expirationDate", "Ugyldig dato."));
            var id = Interlocked.Increment(ref _sessionIds);
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"tokenId\":{id},\"token\":\"{Guid.NewGuid()}\"}}"));
            _sessions[token] = new Session(id, token, employee, expires.Date);
            return Json(new Dictionary<string, object?>
            {
                ["value"] = new Dictionary<string, object?>
                {
                    ["id"] = id, ["version"] = 0, ["url"] = $"tripletex.no/v2/token/session/{id}",
                    ["consumerToken"] = Ref(345_435, "token/consumer"), ["employeeToken"] = Ref(34_435 + employee.Id % 100, "token/employee"),
                    ["expirationDate"] = expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["token"] = token, ["encryptionKey"] = "",
                },
            });
        });

        api.MapGet("/token/session/>whoAmI", (HttpContext http) =>
        {
            var session = (Session)http.Items["tripletex.session"]!;
            var e = session.Employee;
            return Json(new Dictionary<string, object?>
            {
                ["value"] = Fields(FieldNames(http), new Dictionary<string, object?>
                {
                    ["employeeId"] = e.Id, ["actualEmployeeId"] = (long)e.Id, ["companyId"] = CompanyOf(http),
                    ["employee"] = new Dictionary<string, object?> { ["id"] = e.Id, ["firstName"] = e.FirstName, ["lastName"] = e.LastName, ["displayName"] = e.FirstName + " " + e.LastName, ["email"] = e.Email },
                    ["company"] = new Dictionary<string, object?> { ["id"] = CompanyOf(http), ["name"] = CompanyName(CompanyOf(http)), ["organizationNumber"] = "987654321" },
                    ["language"] = "no", ["loggedInWithConnect"] = false, ["employeeIsProxy"] = false,
                }),
            });
        });

        api.MapDelete("/token/session/{token}", (string token, HttpContext http) =>
        {
            if (!_sessions.TryRemove(Uri.UnescapeDataString(token), out _)) return Error(http, 404, 6000, "Object not found", null);
            return Results.StatusCode(204);
        });

        api.MapGet("/customer", (HttpContext http) =>
        {
            if (Denied(http, 11) is { } denied) return denied;
            var q = http.Request.Query;
            var includeInactive = string.Equals(q["isInactive"], "true", StringComparison.OrdinalIgnoreCase);
            var numbers = q["customerAccountNumber"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
            DateTime? changedSince = DateTime.TryParse(q["changedSince"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var c) ? c : null;
            var inactiveAsked = q["isInactive"].Count > 0; // looked up once, not once per customer
            var rows = Data.Customers.Where(x => x.IsInactive == includeInactive || (!inactiveAsked && !x.IsInactive))
                .Where(x => numbers.Count == 0 || numbers.Contains(x.CustomerNumber))
                .Where(x => changedSince == null || x.Changed >= changedSince).ToList();
            // Only the asked-for page is turned into JSON objects (the whole list was, once per page).
            return Page(http, rows, x => new Dictionary<string, object?>
                {
                    ["id"] = x.Id, ["version"] = 1, ["url"] = $"tripletex.no/v2/customer/{x.Id}", ["name"] = x.Name, ["organizationNumber"] = x.OrganizationNumber,
                    ["customerNumber"] = x.CustomerNumber, ["supplierNumber"] = 0, ["isCustomer"] = true, ["isSupplier"] = false, ["isInactive"] = x.IsInactive,
                    ["email"] = x.Email, ["invoiceEmail"] = "", ["phoneNumber"] = "", ["displayName"] = $"{x.Name} ({x.CustomerNumber})",
                    ["postalAddress"] = Ref(x.Id + 1, "address"), ["currency"] = Ref(1, "currency"),
                }, "'If-None-Match' header not specified");
        });

        MapCustomerById(api);
        api.MapGet("/invoice", (HttpContext http) =>
        {
            if (Denied(http, 21) is { } denied) return denied;
            var q = http.Request.Query;
            var missing = new[] { "invoiceDateFrom", "invoiceDateTo" }.Where(p => string.IsNullOrEmpty(q[p])).ToList();
            if (missing.Count > 0) return Error(http, 422, 15000, "Validation failed", null, missing.Select(m => (m, "Kan ikke være null.")).ToArray());
            if (!DateTime.TryParse(q["invoiceDateFrom"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
                !DateTime.TryParse(q["invoiceDateTo"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
                return Error(http, 422, 15000, "Validation failed", null, ("invoiceDateFrom", "Ugyldig dato."));
            var rows = Data.Invoices.Where(i => i.InvoiceDate >= from && i.InvoiceDate < to).ToList(); // "To and excluding"
            if (rows.Count > _options.ResultSetLimit) return Error(http, 422, 23000, "Result set too large. Limit of 10.000 reached.", null);
            return Page(http, rows, i => new Dictionary<string, object?>
                {
                    ["id"] = i.Id, ["version"] = 3, ["url"] = $"tripletex.no/v2/invoice/{i.Id}", ["invoiceNumber"] = i.InvoiceNumber,
                    ["invoiceDate"] = i.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["invoiceDueDate"] = i.InvoiceDate.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["customer"] = Ref(i.CustomerId, "customer"), ["amount"] = i.Amount, ["amountCurrency"] = i.Amount,
                    ["amountOutstanding"] = i.AmountOutstanding, ["isCreditNote"] = false, ["isCharged"] = true, ["kid"] = "",
                }, "'If-None-Match' header not specified");
        });

        api.MapGet("/employee/entitlement", (HttpContext http) =>
        {
            var session = (Session)http.Items["tripletex.session"]!;
            var employeeId = int.TryParse(http.Request.Query["employeeId"], out var id) ? id : session.Employee.Id;
            var employee = EmployeeById(employeeId);
            if (employee == null) return Error(http, 404, 6000, "Object not found", null);
            var rows = employee.EntitlementIds.Select((entitlementId, index) => new Dictionary<string, object?>
            {
                ["id"] = employee.Id * 100 + index, ["version"] = 0, ["url"] = $"tripletex.no/v2/employee/entitlement/{employee.Id * 100 + index}",
                ["employee"] = Ref(employee.Id, "employee"), ["name"] = TripletexData.Entitlements.First(e => e.Id == entitlementId).Name,
                ["entitlementId"] = entitlementId, ["customer"] = null,
            }).ToList();
            return Page(http, rows, "Checksum not yet supported for this endpoint");
        });

        // [BETA] in the spec: no body, 200 "Employee entitlements updated successfully" (tripletex.md §8.2).
        api.MapPut("/employee/entitlement/:grantEntitlementsByTemplate", (HttpContext http) =>
        {
            if (Denied(http, 40) is { } denied) return denied;
            var employeeText = http.Request.Query["employeeId"].ToString();
            var template = http.Request.Query["template"].ToString();
            if (!int.TryParse(employeeText, out var employeeId))
                return Error(http, 422, 15000, "Validering feilet.", null, ("employeeId", "Kan ikke være null."));
            if (!TripletexData.Templates.TryGetValue(template, out var granted))
                return Error(http, 422, 15000, "Validering feilet.", null, ("template", $"Ugyldig verdi: {template}"));
            var employee = EmployeeById(employeeId);
            if (employee == null) return Error(http, 404, 6000, "Object not found", null);
            employee.EntitlementIds = _options.TemplateGrantAddsToExisting ? employee.EntitlementIds.Union(granted).OrderBy(i => i).ToArray() : granted.ToArray();
            return Results.Json(new { value = "Employee entitlements updated successfully" });
        });
        MapGuide(api, app);
    }

    TripletexEmployee? EmployeeById(int id) => new[] { Data.Admin, Data.Limited }.FirstOrDefault(e => e.Id == id);

    IResult? Authenticate(HttpContext http, out Session? session)
    {
        session = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return Error(http, 401, 3000, "Unauthorized", "Authorization header is missing.");
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
        catch (FormatException) { return Error(http, 401, 3000, "Unauthorized", "Authorization header is not valid base64."); }
        var colon = decoded.IndexOf(':');
        var user = colon < 0 ? decoded : decoded[..colon];
        var token = colon < 0 ? "" : decoded[(colon + 1)..];
        // The accountant's token logs in to a client company by its id (tripletex.md §2.4); other tokens know only their own.
        var accountant = _sessions.TryGetValue(token, out var who) && who.Employee == Accountant;
        var own = accountant ? AccountantCompanyId : TripletexData.CompanyId;
        int? company = user == "" || user == "0" ? own
            : int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && (asked == own || (accountant && Clients.Any(c => c.CompanyId == asked))) ? asked : null;
        if (company == null)
            return Error(http, 401, 3000, "Unauthorized",
                $"Authorization header has invalid username: {user}. Should be a customer id or 0 for default. The expected format is base64encoded(<<companyId>>:<<sessionToken>>)");
        http.Items["tripletex.company"] = company.Value;
        // A session dies at midnight Oslo time at the start of its expiration date (tripletex.md §2.3).
        if (!_sessions.TryGetValue(token, out session) || OsloToday >= session.ExpirationDate)
        {
            session = null;
            return Error(http, 401, 3000, "Unauthorized", null);
        }
        // The switch for sessions that end before their date: past the budget the session is gone, as if revoked.
        if (_options.SessionCallBudget is { } budget && _sessionCalls.AddOrUpdate(token, 1, (_, n) => n + 1) > budget)
        {
            _sessions.TryRemove(token, out _);
            session = null;
            return Error(http, 401, 3000, "Unauthorized", null);
        }
        // Verified message (tripletex.md §2.4); ASSUMPTION: its status is 403 with code 9000.
        if (accountant && company == AccountantCompanyId && !http.Request.Path.Value!.EndsWith("/token/session/>whoAmI", StringComparison.Ordinal)
            && !http.Request.Path.Value!.EndsWith("/company/>withLoginAccess", StringComparison.Ordinal))
        {
            session = null;
            return Error(http, 403, 9000, "Company owned users(employeeToken) can only access /token/session/>whoAmI & /company/>withLoginAccess in their own company.", null);
        }
        return null;
    }

    IResult? Denied(HttpContext http, int entitlementId)
    {
        var session = (Session)http.Items["tripletex.session"]!;
        return session.Employee.EntitlementIds.Contains(entitlementId) || session.Employee.EntitlementIds.Contains(1)
            ? null
            : Error(http, 403, 9000, "Du har ikke tilgang til denne funksjonen.", "The employee lacks the privilege for this resource.");
    }

    IResult? RateLimit(HttpContext http, TripletexEmployee employee)
    {
        var now = _state.UtcNow;
        var window = _windows.GetOrAdd(employee.Id, _ => new Window { Start = now });
        int remaining;
        double reset;
        lock (window)
        {
            // A new period when the old one is over, or when a rehearsal moved the clock back before it began.
            if (now - window.Start >= _options.RatePeriod || now < window.Start) { window.Start = now; window.Used = 0; }
            reset = Math.Ceiling((window.Start + _options.RatePeriod - now).TotalSeconds);
            if (_state.ThrottleEnabled && window.Used >= _options.RateLimit)
            {
                http.Response.Headers["X-Rate-Limit-Limit"] = _options.RateLimit.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Rate-Limit-Remaining"] = "0";
                if (!_options.OmitResetOn429) http.Response.Headers["X-Rate-Limit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
                return Error(http, 429, 0, "Too many requests", null);
            }
            window.Used++;
            remaining = _options.RateLimit - window.Used;
        }
        http.Response.Headers["X-Rate-Limit-Limit"] = _options.RateLimit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Rate-Limit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    static Dictionary<string, object?> Ref(int id, string path) => new() { ["id"] = id, ["url"] = $"tripletex.no/v2/{path}/{id}" };

    /// <summary>The list envelope with from/count paging; count in the answer is what was returned.</summary>
    static IResult Page(HttpContext http, List<Dictionary<string, object?>> rows, string versionDigest) => Page(http, rows, r => r, versionDigest);

    /// <summary>The same envelope from the matching rows, only the page's rows projected to JSON objects.</summary>
    static IResult Page<T>(HttpContext http, List<T> rows, Func<T, Dictionary<string, object?>> project, string versionDigest)
    {
        var q = http.Request.Query;
        var from = int.TryParse(q["from"], out var f) ? Math.Max(0, f) : 0;
        var count = int.TryParse(q["count"], out var c) ? Math.Max(0, c) : 1000;
        var names = FieldNames(http);
        var values = rows.Skip(from).Take(count).Select(r => Fields(names, project(r))).ToList();
        return Json(new Dictionary<string, object?>
        {
            ["fullResultSize"] = rows.Count, ["from"] = from, ["count"] = values.Count, ["versionDigest"] = versionDigest, ["values"] = values,
        });
    }

    static Dictionary<string, object?> Fields(HashSet<string>? names, Dictionary<string, object?> row) =>
        names == null || names.Contains("*") ? row : row.Where(kv => names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The fields selector: top-level names, "*", and name(...) to include a nested object (kept whole here); null: all.</summary>
    static HashSet<string>? FieldNames(HttpContext http)
    {
        var spec = http.Request.Query["fields"].ToString();
        if (string.IsNullOrWhiteSpace(spec)) return null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        var current = new StringBuilder();
        foreach (var ch in spec + ",")
        {
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) { names.Add(current.ToString().Trim()); current.Clear(); }
            else if (depth == 0) current.Append(ch);
        }
        return names;
    }

    static IResult Error(HttpContext http, int status, int code, string message, string? developerMessage, params (string Field, string Message)[] validation) =>
        Results.Json(new Dictionary<string, object?>
        {
            ["status"] = status, ["code"] = code, ["message"] = message, ["link"] = "https://tripletex.no/v2-docs/",
            ["developerMessage"] = developerMessage,
            ["validationMessages"] = validation.Length == 0 ? null : validation.Select(v => new Dictionary<string, object?> { ["field"] = v.Field, ["message"] = v.Message, ["path"] = null, ["rootId"] = null }).ToList(),
            ["requestId"] = http.Response.Headers["x-tlx-request-id"].ToString(),
        }, statusCode: status);

    static IResult Json(object body) => Results.Json(body);
}
