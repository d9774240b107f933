using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.IFirma;

public sealed record IFirmaSandboxInvoice(int Id, string FullNumber, DateTime IssueDate, decimal Gross, decimal Paid, string Contractor, string Nip);

/// <summary>
/// iFirma's API as ifirma.md describes it: IAPIS HMAC-SHA1 signatures verified over the URL as sent, the
/// login, the key name the route needs and the raw body; the {"response":{"Kod":…}} envelope; a monthly
/// request counter; the 100-a-minute throttle; seeded invoices and an accounting month.
/// </summary>
public sealed partial class IFirmaSandbox : ISandboxService
{
    const string Prefix = "/ifirma/iapi";
    static readonly Regex HeaderPattern = new(@"^IAPIS user=(?<user>[^,]+), hmac-sha1=(?<mac>[0-9a-fA-F]{40})$");
    readonly Dictionary<string, string> _keys;
    readonly object _gate = new();
    SandboxState _state = null!;

    public IFirmaSandbox(int seed, DateTime today, int invoiceCount = 640)
    {
        Login = "jan.nowak@sandbox-firma.test";
        _keys = new[] { "faktura", "rachunek", "abonent", "wydatek" }
            .ToDictionary(k => k, k => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"ifirma:{seed}:{k}")))[..16]);
        var random = new Random(seed * 13 + 5);
        var invoices = new List<IFirmaSandboxInvoice>();
        for (var i = 0; i < invoiceCount; i++)
        {
            var date = today.AddDays(-random.Next(0, 365)).Date;
            var gross = Math.Round((decimal)(random.NextDouble() * 9000 + 50), 2);
            invoices.Add(new IFirmaSandboxInvoice(75_000 + i * 3, $"{i + 1}/{date:MM}/{date:yyyy}", date, gross, random.Next(3) == 0 ? 0 : gross,
                $"Kontrahent {random.Next(1, 200)} sp. z o.o.", $"{random.Next(100, 999)}{random.Next(1_000_000, 9_999_999)}"));
        }
        Invoices = invoices.OrderBy(i => i.IssueDate).ThenBy(i => i.Id).ToList();
        AccountingMonth = (today.Year, today.Month);
    }

    public string Name => "ifirma";
    public string BasePath => "ifirma/iapi/";
    public string Login { get; }
    /// <summary>The keys as the account's panel shows them now (hex). Regenerating one invalidates what clients hold.</summary>
    public IReadOnlyDictionary<string, string> Keys => _keys;
    public IReadOnlyList<IFirmaSandboxInvoice> Invoices { get; }
    public (int Year, int Month) AccountingMonth { get; private set; }
    /// <summary>The monthly counter (LimitWykorzystany) and grant (LimitPrzyznany).</summary>
    public int LimitUsed { get; set; }
    public int LimitGranted { get; set; } = 2000;
    /// <summary>Calls refused because the monthly limit was used up.</summary>
    public int LimitRefusals { get; private set; }
    /// <summary>ASSUMPTION (ifirma.md §3, §6): an exhausted limit is HTTP 200 with this Kod and a Polish message.</summary>
    public int LimitExceededKod { get; set; } = 500;
    /// <summary>
    /// The Kod an issuing route answers a correctly signed but empty document with. ASSUMPTION (ifirma.md §4 lists
    /// 200 "invalid structure" and 201 "validation errors", not which one an empty document gets): 200 by default.
    /// </summary>
    public int EmptyDocumentKod { get; set; } = 200;

    public object DemoAccount() => new { login = Login, keys = _keys, baseUrl = BasePath };

    public void Attach(SandboxState state) => _state = state;

    /// <summary>What "przegeneruj" in the panel does: a new key for the area; the old one stops working.</summary>
    public void RegenerateKey(string keyName) => SetKey(keyName, Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));

    public void SetKey(string keyName, string hex)
    {
        lock (_gate) _keys[keyName] = hex;
    }

    public void Map(WebApplication app)
    {
        var api = app.MapGroup(Prefix);
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            http.Request.Body.Position = 0;
            var refusal = Verify(http, buffer.ToArray());
            if (refusal != null) return refusal;
            if (_state.ThrottleEnabled && !_state.Throttle.TryAcquire(new[] { new WindowLimit("ifirma:" + Login, 100, TimeSpan.FromMinutes(1)) }, out _, out _, SandboxState.ArrivalOf(http)))
                return Envelope(new() { ["Kod"] = 100, ["Informacja"] = "Przekroczono limit zapytań na minutę." }, 429); // ASSUMPTION: status and Kod undocumented
            lock (_gate)
            {
                if (LimitUsed >= LimitGranted)
                {
                    LimitRefusals++;
                    return Envelope(new() { ["Kod"] = LimitExceededKod, ["Informacja"] = "Przekroczono miesięczny limit zapytań API." });
                }
                LimitUsed++; // ASSUMPTION (ifirma.md §8.2): every authenticated call counts
            }
            return await next(context);
        });

        api.MapGet("/abonent/limit.json", () =>
        {
            lock (_gate) return Envelope(new() { ["Kod"] = 0, ["Informacja"] = "Informacja o limitach API", ["LimitWykorzystany"] = LimitUsed, ["LimitPrzyznany"] = LimitGranted });
        });
        api.MapGet("/abonent/miesiacksiegowy.json", () =>
            Envelope(new() { ["RokKsiegowy"] = AccountingMonth.Year, ["MiesiacKsiegowy"] = AccountingMonth.Month })); // no Kod, as recorded
        api.MapGet("/faktury.json", (HttpRequest request) =>
        {
            var q = request.Query;
            if (!DateTime.TryParseExact(q["dataOd"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                return Envelope(new() { ["Kod"] = 201, ["Informacja"] = "Parametr dataOd jest wymagany (RRRR-MM-DD)." });
            var to = DateTime.TryParseExact(q["dataDo"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : from.AddDays(30);
            var page = int.TryParse(q["strona"], out var p) && p > 0 ? p : 1;
            var size = int.TryParse(q["iloscNaStronie"], out var s) && s > 0 ? s : 20;
            var rows = Invoices.Where(i => i.IssueDate >= from && i.IssueDate <= to).Skip((page - 1) * size).Take(size)
                .Select(i => new Dictionary<string, object?>
                {
                    ["FakturaId"] = i.Id, ["PelnyNumer"] = i.FullNumber, ["DataWystawienia"] = i.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["TerminPlatnosci"] = i.IssueDate.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Brutto"] = i.Gross, ["Zaplacono"] = i.Paid,
                    ["Waluta"] = "PLN", ["KontrahentNazwa"] = i.Contractor, ["NIPKontrahenta"] = i.Nip, ["Rodzaj"] = "prz_faktura_kraj", ["CzyWyslano"] = true,
                }).ToList();
            return Envelope(new() { ["Kod"] = 0, ["Informacja"] = "", ["Wynik"] = rows });
        });
        // Issuing routes: only the empty document a key check sends is handled; it is refused for its content.
        foreach (var route in new[] { "/rachunekkraj.json", "/zakuptowaruvat.json", "/fakturakraj.json" })
            api.MapPost(route, (HttpRequest request) => Envelope(new()
            {
                ["Kod"] = EmptyDocumentKod,
                ["Informacja"] = EmptyDocumentKod == 201 ? "Błędy walidacji: pole Pozycje jest wymagane." : "Nieprawidłowa struktura obiektu domenowego.",
            }));
    }

    /// <summary>The checks of ifirma.md §6: header shape (400), login (401), key generated (402), MAC over URL+login+key name+body (403).</summary>
    IResult? Verify(HttpContext http, byte[] body)
    {
        var header = http.Request.Headers["Authentication"].ToString();
        var match = HeaderPattern.Match(header);
        if (!match.Success) return Envelope(new() { ["Kod"] = 400, ["Informacja"] = "Nieprawidłowy nagłówek autoryzacji." });
        if (match.Groups["user"].Value != Login) return Envelope(new() { ["Kod"] = 401, ["Informacja"] = "Nieprawidłowy login użytkownika." });
        var relative = http.Request.Path.Value![(Prefix.Length + 1)..];
        var keyName = relative.StartsWith("abonent/") ? "abonent" : relative.StartsWith("rachunek") ? "rachunek"
            : relative.StartsWith("zakup") || relative.StartsWith("koszt") || relative.StartsWith("oplata") ? "wydatek" : "faktura";
        string hexKey;
        lock (_gate)
        {
            if (!_keys.TryGetValue(keyName, out hexKey!)) return Envelope(new() { ["Kod"] = 402, ["Informacja"] = $"Brak wygenerowanego klucza autoryzacji {keyName}." });
        }
        // The URL the client sent to, without the query, as the signed string requires.
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var message = Encoding.UTF8.GetBytes(url + Login + keyName).Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(Mac(Convert.FromHexString(hexKey), message));
        if (!string.Equals(expected, match.Groups["mac"].Value, StringComparison.OrdinalIgnoreCase))
            return Envelope(new() { ["Kod"] = 403, ["Informacja"] = "Nieprawidłowy skrót wiadomości. Wygeneruj ponownie klucz." });
        return null;
    }

    static byte[] Mac(byte[] key, byte[] message) => HMACSHA1.HashData(key, message);

    static IResult Envelope(Dictionary<string, object?> response, int status = 200) =>
        Results.Json(new Dictionary<string, object?> { ["response"] = response }, new JsonSerializerOptions { PropertyNamingPolicy = null }, "application/json;charset=UTF-8", status);
}
