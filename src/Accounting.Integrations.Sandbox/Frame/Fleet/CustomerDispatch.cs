using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Fleet;

/// <summary>
/// Sends /c/&lt;n&gt;/… to customer n's own pipeline, with /c/&lt;n&gt; moved into the path base (as UsePathBase does), so
/// each service sees the paths it always sees and its handlers are unchanged. Anything else goes on to the root.
/// </summary>
public sealed class CustomerDispatch(RequestDelegate next, SandboxState root)
{
    /// <summary>Builds every customer's pipeline: the sandbox middleware with the customer's state, its own routing and endpoints.</summary>
    public static void Build(IApplicationBuilder app, IEnumerable<SandboxCustomer> customers)
    {
        foreach (var customer in customers)
        {
            var branch = app.New();
            // A WebApplication hands every branch its one global route builder; a customer's routes must be its own,
            // or every customer's endpoints would sit at the root's paths.
            branch.Properties.Remove("__GlobalEndpointRouteBuilder");
            branch.UseMiddleware<SandboxMiddleware>(customer.State);
            branch.UseRouting();
            branch.UseEndpoints(endpoints => { foreach (var service in customer.Services) service.Map(endpoints); });
            customer.Pipeline = branch.Build();
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (root.Customers.Count > 0 && path.StartsWithSegments("/c", out var rest) && rest.HasValue)
        {
            var value = rest.Value!;
            var end = value.IndexOf('/', 1);
            var segment = end < 0 ? value[1..] : value[1..end];
            if (int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                && number >= 1 && number <= root.Customers.Count)
            {
                var customer = root.Customers[number - 1];
                context.Request.PathBase = context.Request.PathBase.Add("/c/" + segment);
                context.Request.Path = end < 0 ? PathString.Empty : new PathString(value[end..]);
                return customer.Pipeline(context);
            }
        }
        return next(context);
    }
}
