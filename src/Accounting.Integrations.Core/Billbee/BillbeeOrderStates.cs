using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>
    /// Names of Billbee's order states: the API's identifier, the Swagger's English text and the
    /// German UI label (billbee.md §6). The API's own list is authoritative for which ids exist.
    /// </summary>
    public static class BillbeeOrderStates
    {
        static readonly BillbeeOrderState[] Known =
        {
            new BillbeeOrderState(1, "Bestellt", "Ordered", "Bestellt"),
            new BillbeeOrderState(2, "Bestaetigt", "Confirmed", "Bestätigt"),
            new BillbeeOrderState(3, "Zahlung_erhalten", "Paid", "Bezahlt"),
            new BillbeeOrderState(4, "Versendet", "Shipped", "Versendet"),
            new BillbeeOrderState(5, "Reklamation", "Reclamation", "Reklamation"),
            new BillbeeOrderState(6, "Geloescht", "Deleted", "Gelöscht"),
            new BillbeeOrderState(7, "Abgeschlossen", "Closed", "Abgeschlossen"),
            new BillbeeOrderState(8, "Storniert", "Canceled", "Storniert"),
            new BillbeeOrderState(9, "Archiviert", "Archived", "Archiviert"),
            new BillbeeOrderState(10, "Rated", "Rated", "Bewertet"),
            new BillbeeOrderState(11, "Mahnung", "DemandNote1", "1. Mahnung"),
            new BillbeeOrderState(12, "Mahnung2", "DemandNote2", "2. Mahnung"),
            new BillbeeOrderState(13, "Gepackt", "Packed", "Gepackt"),
            new BillbeeOrderState(14, "Angeboten", "Offered", "Angeboten"),
            new BillbeeOrderState(15, "Zahlungserinnerung", "PaymentReminder", "Zahlungserinnerung"),
            new BillbeeOrderState(16, "Im_Fulfillment", "Fulfilling", "Im Fulfillment"),
            new BillbeeOrderState(17, "Retoure", "Return", "Retoure"),
        };

        public static IReadOnlyList<BillbeeOrderState> All => Known;

        public static BillbeeOrderState ById(int id) =>
            Known.FirstOrDefault(s => s.Id == id) ?? new BillbeeOrderState(id, "State" + id, "State " + id, "Status " + id);

        /// <summary>Finds a state by id, identifier, English or German name (case-insensitive, spaces ignored).</summary>
        public static BillbeeOrderState Find(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var t = Normalise(text);
            if (int.TryParse(t, out var id)) return Known.FirstOrDefault(s => s.Id == id);
            return Known.FirstOrDefault(s => Normalise(s.Name) == t || Normalise(s.EnglishName) == t || Normalise(s.GermanName) == t);
        }

        static string Normalise(string s) =>
            new string(s.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()
                .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue");
    }
}
