using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Fleet;

/// <summary>/_sandbox/customers: the fleet's customers with their URLs, seeded faults and demo accounts.</summary>
public static class CustomerEndpoints
{
    public static void Map(WebApplication app, SandboxState state, Func<string> baseUrl)
    {
        app.MapGet("/_sandbox/customers", () => Results.Json(state.Customers.Select(c => c.Listing(baseUrl()))));
        app.MapGet("/_sandbox/customers/{number:int}", (int number) => number >= 1 && number <= state.Customers.Count
            ? Results.Json(state.Customers[number - 1].Listing(baseUrl()))
            : Results.NotFound(new { error = $"No customer {number}; the sandbox has {state.Customers.Count} (--customers)." }));
    }
}
