using System.Text.Json;

namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>
/// /_sandbox/…: what tests and rehearsing users drive the sandbox with: service URLs, demo accounts,
/// the request log, faults and latency. Never faulted, throttled or delayed.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app, SandboxState state, Func<string> baseUrl, Func<object> accounts, Func<string, bool> applyScenario)
    {
        var control = app.MapGroup("/_sandbox");
        control.MapGet("/info", () => Results.Json(new
        {
            baseUrl = baseUrl(),
            seed = state.Options.Seed,
            throttle = state.ThrottleEnabled,
            latencyMs = state.Options.Latency.TotalMilliseconds,
            services = state.Services.ToDictionary(s => s.Name, s => baseUrl() + s.BasePath),
            customers = state.Customers.Count,
        }));
        control.MapGet("/accounts", () => Results.Json(accounts()));
        control.MapGet("/requests", (string? service) => Results.Json(state.Log.Snapshot(service)));
        control.MapDelete("/requests", () => { state.Log.Clear(); return Results.NoContent(); });
        control.MapPost("/faults", async (HttpRequest request) =>
        {
            var rule = await JsonSerializer.DeserializeAsync<FaultRequest>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            if (rule?.Kind == null) return Results.BadRequest(new { error = "kind is required: 429, 500, 503, reset, truncated, malformed or slow." });
            // With a customer number: that fleet customer's own rules; without: the root accounts' (each customer has its own).
            if (rule.Customer is int c && (c < 1 || c > state.Customers.Count))
                return Results.BadRequest(new { error = $"customer must be 1 to {state.Customers.Count}." });
            var faults = rule.Customer is int n ? state.Customers[n - 1].State.Faults : state.Faults;
            faults.Add(new FaultRule
            {
                Kind = FaultRule.ParseKind(rule.Kind), Service = rule.Service, Method = rule.Method, PathContains = rule.Path,
                Rate = rule.Rate ?? 0, Count = rule.Count ?? (rule.Rate.HasValue ? null : 1),
                RetryAfterSeconds = rule.RetryAfter, DelayMs = rule.DelayMs ?? 5000,
            });
            return Results.NoContent();
        });
        control.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            foreach (var customer in state.Customers) customer.State.Faults.Clear();
            return Results.NoContent();
        });
        control.MapPost("/clock/{offsetSeconds:double}", (double offsetSeconds) => { state.ClockOffset = TimeSpan.FromSeconds(offsetSeconds); return Results.NoContent(); });
        control.MapPost("/scenario/{name}", (string name) => applyScenario(name) ? Results.NoContent() : Results.NotFound(new { error = $"No scenario '{name}'." }));
        control.MapPost("/throttle/{on:bool}", (bool on) => { state.ThrottleEnabled = on; return Results.NoContent(); });
    }

    sealed record FaultRequest(string? Kind, string? Service, string? Method, string? Path, double? Rate, int? Count, int? RetryAfter, int? DelayMs, int? Customer);
}
