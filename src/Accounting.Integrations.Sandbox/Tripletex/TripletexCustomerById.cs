namespace Accounting.Integrations.Sandbox.Tripletex;

/// <summary>GET /customer/{id} (tripletex-v2.openapi.json: "Get customer by ID."), answered in a value envelope.</summary>
public sealed partial class TripletexSandbox
{
    void MapCustomerById(RouteGroupBuilder api)
    {
        api.MapGet("/customer/{id:int}", (int id, HttpContext http) =>
        {
            if (Denied(http, 11) is { } denied) return denied;
            var x = Data.Customers.FirstOrDefault(c => c.Id == id);
            if (x == null) return Error(http, 404, 6000, "Object not found", null);
            return Results.Json(new Dictionary<string, object?>
            {
                ["value"] = new Dictionary<string, object?>
                {
                    ["id"] = x.Id, ["version"] = 1, ["url"] = $"tripletex.no/v2/customer/{x.Id}", ["name"] = x.Name, ["organizationNumber"] = x.OrganizationNumber,
                    ["customerNumber"] = x.CustomerNumber, ["isCustomer"] = true, ["isInactive"] = x.IsInactive, ["email"] = x.Email,
                },
            });
        });
    }
}
