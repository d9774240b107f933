using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Lime;

/// <summary>An integration_monitor_log object. Fields beyond the relation and system properties are ASSUMPTIONS (lime.md §4 says not to guess them; these are only what the cleanup reads).</summary>
public sealed record LimeLog(int Id, int MonitorId, DateTimeOffset Created, string Status, string Message);

public sealed record LimeMonitor(int Id, string Name, string IntegrationKey, string Type, bool Active, string AlertStatus, string AlertText);

/// <summary>
/// Lime CRM's REST API as lime.md describes it, for one application: x-api-key auth (404 when missing or
/// wrong, as Lime answers unauthenticated calls), HAL lists with _links.next paging, the query API,
/// object deletion, the per-client request limit, integration-monitor tables with seeded logs, the
/// read-only user list, and a policy grid enforced per API user (a read without R is refused with 403).
/// </summary>
public sealed partial class LimeSandbox : ISandboxService
{
    static readonly JsonSerializerOptions Plain = new() { PropertyNamingPolicy = null };
    readonly object _gate = new();
    readonly List<LimeLog> _logs;
    SandboxState _state = null!;

    public LimeSandbox(int seed, DateTime today, int logCount = 3000)
    {
        ApiKey = "lime-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"lime:{seed}")))[..32];
        WebhookApiKey = "lime-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"lime:{seed}:billectawebhook")))[..32];
        // The Billecta setup creates the two groups and their users (seed 000); the key of the API user is made by hand.
        Users = new[]
        {
            new LimeUser(1, "admin@fjordvik.test", true, "LIME", "STANDARD", new[] { "Administrators" }, ApiKey, true),
            new LimeUser(7, "billectawebhook@api", true, "LIME", "API", new[] { LimePolicyGrid.WebhookGroup }, WebhookApiKey, false),
            new LimeUser(8, "limepkg-billecta@lime.tech", true, "LIME", "INTEGRATION", new[] { LimePolicyGrid.TaskGroup }, null, false),
        };
        Monitors = new[]
        {
            new LimeMonitor(1001, "Billecta", "billecta", "message", true, "ok", ""),
            new LimeMonitor(1002, "Webshop orders", "webshop", "batch", true, "error", "No creates for 3 days"),
            new LimeMonitor(1003, "Old ERP", "erp", "batch", false, "notcalculated", ""),
        };
        var random = new Random(seed * 3 + 1);
        var now = new DateTimeOffset(today, TimeSpan.Zero);
        _logs = Enumerable.Range(0, logCount).Select(i => new LimeLog(5000 + i, Monitors[random.Next(Monitors.Count)].Id,
                now.AddMinutes(-random.Next(1, 90 * 24 * 60)), random.Next(10) == 0 ? "error" : "ok", $"Run {i}"))
            .OrderBy(l => l.Id).ToList();
    }

    public string Name => "lime";
    public string BasePath => "lime/fjordvik/api/v1/";
    /// <summary>The administrator's key (all rights; the user list is readable with it).</summary>
    public string ApiKey { get; }
    /// <summary>The key of billectawebhook@api, whose reads the policy grid limits.</summary>
    public string WebhookApiKey { get; }
    public IReadOnlyList<LimeUser> Users { get; }
    /// <summary>Users listed by admin/users/ after the seeded ones (tests raise it to page the list).</summary>
    public int ExtraUserCount { get; set; }
    /// <summary>Serve admin/users/ as HAL (_embedded.users, _links.next) instead of the bare array Lime's official client reads.</summary>
    public bool UsersAsHal { get; set; }
    /// <summary>admin/users/ ignores _offset (a cursor that does not move).</summary>
    public bool UsersIgnoreOffset { get; set; }
    public LimePolicyGrid Policies { get; } = LimePolicyGrid.Seeded();
    public IReadOnlyList<LimeMonitor> Monitors { get; }
    /// <summary>Lime Cloud allows 3000 requests per 5 minutes per client; on-premise it is configurable.</summary>
    public int RequestsPerFiveMinutes { get; set; } = 3000;
    public int Deleted { get; private set; }

    public IReadOnlyList<LimeLog> Logs
    {
        get { lock (_gate) return _logs.ToList(); }
    }

    /// <summary>Adds <paramref name="count"/> logs to a monitor, created at <paramref name="created"/>: fresh work for a cleanup test.</summary>
    public void AddLogs(int monitorId, int count, DateTimeOffset created)
    {
        lock (_gate)
        {
            var next = _logs.Count == 0 ? 5000 : _logs.Max(l => l.Id) + 1;
            for (var i = 0; i < count; i++) _logs.Add(new LimeLog(next + i, monitorId, created, "ok", $"Added {i}"));
        }
    }

    public object DemoAccount() => new { apiKey = ApiKey, webhookApiKey = WebhookApiKey, webhookUser = "billectawebhook@api", application = "fjordvik", baseUrl = BasePath };

    public void Attach(SandboxState state) => _state = state;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/lime/fjordvik/api/v1");
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // Lime answers unauthenticated calls with 404, not 401, so as not to reveal what exists (lime.md §1).
            var key = http.Request.Headers["x-api-key"].ToString();
            var user = Users.FirstOrDefault(u => u.ApiKey != null && u.ApiKey == key && u.Active);
            if (user == null) return Results.Json(new { message = "Not Found" }, statusCode: 404);
            http.Items["lime.user"] = user;
            if (_state.ThrottleEnabled && !_state.Throttle.TryAcquire(new[] { new WindowLimit("lime:" + key, RequestsPerFiveMinutes, TimeSpan.FromMinutes(5)) }, out _, out _, SandboxState.ArrivalOf(http)))
                return Results.Json(new { message = "Too many requests" }, statusCode: 429); // ASSUMPTION: the status is undocumented
            return await next(context);
        });
        api.MapGet("/", () => Results.Json(new Dictionary<string, object> { ["_links"] = new { limetype = new { href = "limetype/" } } }, Plain));
        // ASSUMPTION (lime.md §4): the log table's own fields are not documented; these are the ones the sandbox models.
        api.MapGet("/limetype/{name}/", (string name, HttpContext http) =>
        {
            var properties = PropertiesOf(name);
            if (properties == null) return NotFound();
            if (Refuse(http, name, 'R') is { } refused) return refused;
            // Fields the user may not read are left out of the limetype, as the desktop client hides them.
            var user = (LimeUser)http.Items["lime.user"]!;
            return Results.Json(Limetype(name, properties.Where(p => Policies.Allows(user, name + "." + p.Name, 'R')).ToArray()), Plain);
        });
        api.MapGet("/admin/users/", (HttpContext http) =>
        {
            // ASSUMPTION (lime.md §3): the privileges it needs are undocumented; the sandbox lets administrators only.
            if (!((LimeUser)http.Items["lime.user"]!).IsAdmin) return Results.Json(new { message = "Forbidden" }, statusCode: 403);
            var rows = Users.Select(u => (u.Id, u.Username, u.Active, u.LoginType, u.UserType))
                .Concat(Enumerable.Range(1, ExtraUserCount).Select(i => (Id: 1000 + i, Username: $"user{i}@fjordvik.test", Active: i % 10 != 0, LoginType: "LIME", UserType: "STANDARD")))
                .Select(u => new Dictionary<string, object?>
                {
                    ["id"] = u.Item1, ["username"] = u.Item2, ["active"] = u.Item3, ["loginType"] = u.Item4, ["userType"] = u.Item5,
                }).ToList();
            var q = http.Request.Query;
            var limit = int.TryParse(q["_limit"], out var l) && l > 0 ? l : 50;
            var offset = int.TryParse(q["_offset"], out var o) && o > 0 ? o : 0;
            if (UsersIgnoreOffset) offset = 0;
            var page = rows.Skip(offset).Take(limit).ToList();
            // Lime's official client reads a bare array (lime-n8n-nodes-crm transport/users.ts: callLimeApi<User[]>).
            if (!UsersAsHal) return Results.Json(page, Plain);
            var links = new Dictionary<string, object> { ["self"] = new { href = http.Request.PathBase + http.Request.Path + http.Request.QueryString } };
            if (offset + limit < rows.Count) links["next"] = new { href = $"{http.Request.PathBase}{http.Request.Path}?_limit={limit}&_offset={offset + limit}" };
            return Results.Json(new Dictionary<string, object> { ["_embedded"] = new { users = page }, ["_links"] = links }, Plain);
        });
        api.MapGet("/limeobject/{type}/", (string type, HttpContext http) =>
        {
            if (!Policies.Tables.Contains(type, StringComparer.OrdinalIgnoreCase)) return NotFound();
            if (Refuse(http, type, 'R') is { } refused) return refused;
            var rows = Enumerable.Range(1, 3).Select(i => new Dictionary<string, object?>
            {
                ["_id"] = i, ["_descriptive"] = $"{type} {i}", ["name"] = $"{type} {i}",
                ["_links"] = new { self = new { href = $"limeobject/{type}/{i}/" } },
            }).ToList();
            return Hal(http.Request, rows);
        });
        api.MapGet("/limeobject/integration_monitor/", (HttpRequest request) =>
        {
            if (Refuse(request.HttpContext, "integration_monitor", 'R') is { } refused) return refused;
            var key = request.Query["integration_key"].ToString();
            var rows = Monitors.Where(m => key.Length == 0 || m.IntegrationKey == key).Select(MonitorJson).ToList();
            return Hal(request, rows);
        });
        api.MapGet("/query/", (HttpRequest request) =>
        {
            JsonElement q;
            try { q = JsonDocument.Parse(request.Query["q"].ToString()).RootElement.Clone(); }
            catch (JsonException) { return Results.Json(new { message = "q is not valid JSON" }, statusCode: 400); }
            if (q.GetProperty("limetype").GetString() != "integration_monitor_log") return Results.Json(new { message = "Unknown limetype" }, statusCode: 400);
            if (Refuse(request.HttpContext, "integration_monitor_log", 'R') is { } refused) return refused;
            var limit = q.TryGetProperty("limit", out var l) ? l.GetInt32() : 100;
            var offset = q.TryGetProperty("offset", out var o) ? o.GetInt32() : 0;
            List<LimeLog> matching;
            // The filter is read once per query, not once per row (that cost more than the answer, under the lock). So a filter
            // it cannot read is refused even when no row would be looked at: ASSUMPTION (lime.md does not say what Lime answers
            // to a bad filter), a 400 with what is wrong, the more plausible answer than the 200 an empty table used to give.
            Func<LimeLog, bool> matches;
            try { matches = q.TryGetProperty("filter", out var filter) ? Compile(filter) : _ => true; }
            catch (BadHttpRequestException ex) { return Results.Json(new { message = ex.Message }, statusCode: 400); }
            lock (_gate) matching = _logs.Where(matches).OrderBy(x => x.Id).ToList();
            var objects = matching.Skip(offset).Take(limit).Select(log => new Dictionary<string, object?>
            {
                ["_id"] = log.Id, ["_createdtime"] = log.Created.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture), ["integration_monitor"] = log.MonitorId,
            });
            return Results.Json(new Dictionary<string, object> { ["objects"] = objects }, Plain);
        });
        api.MapDelete("/limeobject/integration_monitor_log/{id:int}/", (int id, HttpContext http) =>
        {
            if (Refuse(http, "integration_monitor_log", 'D') is { } refused) return refused;
            lock (_gate)
            {
                var removed = _logs.RemoveAll(l => l.Id == id);
                if (removed == 0) return Results.Json(new { message = "Not Found" }, statusCode: 404);
                Deleted += removed;
            }
            return Results.StatusCode(204);
        });
        MapGuide(api, app);
    }

    static IResult NotFound() => Results.Json(new { message = "Not Found" }, statusCode: 404);

    /// <summary>403 when the calling user's groups lack the right on the table (lime.md §1: 403 when permissions deny).</summary>
    IResult? Refuse(HttpContext http, string table, char right) =>
        Policies.Allows((LimeUser)http.Items["lime.user"]!, table, right)
            ? null
            : Results.Json(new { message = $"Forbidden: no {right} right on {table}" }, statusCode: 403);

    /// <summary>
    /// The query filter: {op:"AND", exp:[…]} or {key, op, exp} with =, &lt;, &lt;=, &gt;, &gt;= (an ASSUMPTION of the operator set).
    /// A filter it cannot read throws <see cref="BadHttpRequestException"/> saying what is wrong (the query answers 400).
    /// </summary>
    static Func<LimeLog, bool> Compile(JsonElement filter)
    {
        var op = Text(Member(filter, "op"), "op");
        if (op is "AND" or "OR")
        {
            var list = Member(filter, "exp");
            if (list.ValueKind != JsonValueKind.Array) throw new BadHttpRequestException($"filter: the 'exp' of {op} must be a list of expressions, not {list.GetRawText()}.");
            var parts = list.EnumerateArray().Select(Compile).ToArray();
            return op == "AND" ? log => parts.All(p => p(log)) : log => parts.Any(p => p(log));
        }
        var key = Text(Member(filter, "key"), "key");
        var exp = Member(filter, "exp");
        Func<LimeLog, int> compare;
        try
        {
            switch (key)
            {
                case "_id": { var id = exp.GetInt32(); compare = log => log.Id.CompareTo(id); break; }
                case "integration_monitor": { var monitor = exp.GetInt32(); compare = log => log.MonitorId.CompareTo(monitor); break; }
                case "_createdtime": { var at = DateTimeOffset.Parse(exp.GetString()!, CultureInfo.InvariantCulture); compare = log => log.Created.CompareTo(at); break; }
                default: throw new BadHttpRequestException("filter: unknown property " + key);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new BadHttpRequestException($"filter: {key} cannot be compared with {exp.GetRawText()}.");
        }
        Func<int, bool> holds = op switch { "=" => c => c == 0, "<" => c => c < 0, "<=" => c => c <= 0, ">" => c => c > 0, ">=" => c => c >= 0, "!=" => c => c != 0, _ => _ => false };
        return log => holds(compare(log));
    }

    static JsonElement Member(JsonElement expression, string name)
    {
        if (expression.ValueKind != JsonValueKind.Object) throw new BadHttpRequestException($"filter: an expression must be an object, not {expression.GetRawText()}.");
        return expression.TryGetProperty(name, out var value) ? value : throw new BadHttpRequestException($"filter: an expression has no '{name}': {expression.GetRawText()}.");
    }

    static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new BadHttpRequestException($"filter: '{name}' must be a string, not {value.GetRawText()}.");

    static Dictionary<string, object?> Limetype(string name, params (string Name, string Type)[] properties) => new()
    {
        ["name"] = name, ["localname"] = new { singular = name, plural = name },
        ["_embedded"] = new { properties = properties.Select(p => new { name = p.Name, type = p.Type, localname = p.Name, required = false }) },
    };

    static Dictionary<string, object?> MonitorJson(LimeMonitor m) => new()
    {
        ["_id"] = m.Id, ["_descriptive"] = m.Name, ["name"] = m.Name, ["integration_key"] = m.IntegrationKey, ["type"] = new { key = m.Type, text = m.Type },
        ["active"] = m.Active, ["alertstatus"] = new { key = m.AlertStatus, text = m.AlertStatus }, ["alerttext"] = m.AlertText,
        ["_links"] = new { self = new { href = $"limeobject/integration_monitor/{m.Id}/" } },
    };

    /// <summary>HAL: _embedded.limeobjects and _links.next (absent on the last page).</summary>
    static IResult Hal(HttpRequest request, List<Dictionary<string, object?>> rows)
    {
        var limit = int.TryParse(request.Query["_limit"], out var l) && l > 0 ? l : 50;
        var offset = int.TryParse(request.Query["_offset"], out var o) ? o : 0;
        var links = new Dictionary<string, object> { ["self"] = new { href = request.PathBase + request.Path + request.QueryString } };
        if (offset + limit < rows.Count) links["next"] = new { href = $"{request.PathBase}{request.Path}?_limit={limit}&_offset={offset + limit}" };
        return Results.Json(new Dictionary<string, object> { ["_embedded"] = new { limeobjects = rows.Skip(offset).Take(limit) }, ["_links"] = links }, Plain);
    }
}
