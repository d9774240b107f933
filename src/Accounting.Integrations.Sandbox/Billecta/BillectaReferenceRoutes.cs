using System.Text.Json;

namespace Accounting.Integrations.Sandbox.Billecta;

/// <summary>
/// Reads the module has no cmdlet for, so that Invoke-BillectaRequest has something of its own to read (billecta.md §3-4):
/// GET /v1/common/currencies (CurrencyView, an id-free read) and GET /v1/invoice/action/{actionPublicId} (one invoice).
/// </summary>
static class BillectaReferenceRoutes
{
    static readonly JsonSerializerOptions Pascal = new() { PropertyNamingPolicy = null };

    // ASSUMPTION (billecta.md §4.9 names CurrencyView's fields, not the list): the currencies a Swedish creditor invoices in.
    static readonly object[] Currencies =
    {
        new { Decimals = 2, CurrencyCode = "SEK", Iso4217 = 752, Description = "Svenska kronor", OneUnit = 100 },
        new { Decimals = 2, CurrencyCode = "EUR", Iso4217 = 978, Description = "Euro", OneUnit = 100 },
        new { Decimals = 2, CurrencyCode = "NOK", Iso4217 = 578, Description = "Norska kronor", OneUnit = 100 },
    };

    public static void Map(RouteGroupBuilder api, BillectaSandbox sandbox, bool isProd)
    {
        api.MapGet("/common/currencies", () => Results.Json(Currencies, Pascal));
        api.MapGet("/invoice/action/{actionPublicId}", (string actionPublicId) =>
        {
            var invoice = isProd ? sandbox.Invoices.FirstOrDefault(i => (string)i["ActionPublicId"]! == actionPublicId) : null;
            return invoice == null
                ? Results.Json(new { Message = "The requested object was not found.", ExternalErrorCode = (string?)null }, Pascal, statusCode: 404)
                : Results.Json(invoice, Pascal);
        });
    }
}
