using System.Text.Json;

namespace Accounting.Integrations.Sandbox.IFirma;

/// <summary>
/// Contractor search, a read the module has no cmdlet for (ifirma.md §5: GET kontrahenci/{phrase}.json, key faktura,
/// at most 20 hits, Kod 208 when none match [V]), so that Invoke-IFirmaRequest has something of its own to read. The
/// contractors are those the sandbox's invoices name.
/// </summary>
static class IFirmaContractorRoutes
{
    const int MaxHits = 20;

    public static void Map(RouteGroupBuilder api, IFirmaSandbox sandbox)
    {
        api.MapGet("/kontrahenci/{phrase}", (string phrase) =>
        {
            if (!phrase.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return Envelope(new() { ["Kod"] = 400, ["Informacja"] = "Nieobsługiwany format." });
            var term = phrase[..^5];
            var hits = sandbox.Invoices.GroupBy(i => i.Nip).Select(g => g.First())
                .Where(i => i.Contractor.Contains(term, StringComparison.OrdinalIgnoreCase) || i.Nip.Contains(term, StringComparison.Ordinal))
                .OrderBy(i => i.Contractor, StringComparer.Ordinal).Take(MaxHits)
                .Select(i => new Dictionary<string, object?>
                {
                    ["Identyfikator"] = "K" + i.Nip[..6], ["Nazwa"] = i.Contractor, ["NIP"] = i.Nip, ["Kraj"] = "Polska", ["KodPocztowy"] = "00-001", ["Miejscowosc"] = "Warszawa",
                }).ToList();
            // ASSUMPTION (ifirma.md §5 gives Kod 208 for "none found", not the message): the wording below.
            if (hits.Count == 0) return Envelope(new() { ["Kod"] = 208, ["Informacja"] = "Nie znaleziono kontrahenta." });
            return Envelope(new() { ["Kod"] = 0, ["Informacja"] = "", ["Wynik"] = hits });
        });
    }

    static IResult Envelope(Dictionary<string, object?> response) =>
        Results.Json(new Dictionary<string, object?> { ["response"] = response }, new JsonSerializerOptions { PropertyNamingPolicy = null }, "application/json;charset=UTF-8", 200);
}
