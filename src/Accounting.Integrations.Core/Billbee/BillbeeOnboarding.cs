using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>Billbee's onboarding checks: the credentials, the administrator role (a person's word: the API shows none), the order states imported.</summary>
    public sealed class BillbeeOnboarding : ServiceOnboarding
    {
        BillbeeConnection _billbee;
        /// <summary>Who confirmed, by hand, that the Billbee user is an administrator (the API does not show roles).</summary>
        string _administratorConfirmedBy;
        /// <summary>State ids the integration imports; each must exist.</summary>
        int[] _importStateIds;

        public override string Service => "Billbee";

        public override void Prepare(OnboardingProfile profile, TransportOptions transport)
        {
            _billbee = BillbeeService.Instance.Connect(profile.Own, transport);
            _administratorConfirmedBy = profile.Own.Setting("administratorConfirmedBy");
            _importStateIds = ParseIds(profile, profile.Own.Setting("importStateIds"));
        }

        static int[] ParseIds(OnboardingProfile profile, string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var ids = new List<int>();
            foreach (var part in text.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    throw new ProfileArgumentException($"Profile '{profile.Name}': Billbee importStateIds '{text}' must be ids separated by commas, e.g. 1,2,3 (Get-BillbeeOrderState lists them).");
                ids.Add(id);
            }
            return ids.ToArray();
        }

        protected override async Task ChecksAsync(CancellationToken ct)
        {
            var connected = await Check("Connection and credentials", async () =>
            {
                var t = await _billbee.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{t.User} at {_billbee.BaseUri} is accepted ({t.Details["ShopCount"]} shops).", "a call with the profile's user, API password and API key answered", "order states");
            }, ct).ConfigureAwait(false);

            await Check("Administrator account", () => Task.FromResult(BillbeeAdministrator()), ct).ConfigureAwait(false);
            if (Blocks(connected)) return;

            await Check("Order states", async () =>
            {
                var states = await _billbee.Client.GetOrderStatesAsync(ct).ConfigureAwait(false);
                const string evidence = "GET enums/orderstates";
                var unknown = (_importStateIds ?? new int[0]).Where(id => states.All(s => s.Id != id)).ToList();
                if (unknown.Count > 0)
                    return Fail($"The profile imports state ids {string.Join(", ", unknown)}, which Billbee does not list.", "Use ids from Get-BillbeeOrderState in the profile's importStateIds.", evidence);
                var listed = _importStateIds?.Length > 0
                    ? string.Join(", ", _importStateIds.Select(id => $"{id} {states.First(s => s.Id == id).Name}"))
                    : string.Join(", ", states.Take(4).Select(s => $"{s.Id} {s.Name}")) + ", …";
                return Pass($"{states.Count} states; ids for the importer's settings: {listed}.", evidence);
            }, ct).ConfigureAwait(false);
        }

        /// <summary>Billbee's API shows no roles: the best there is, is a person's word, named with who and when (the profile's administratorConfirmedBy "who, yyyy-MM-dd").</summary>
        OnboardingResult BillbeeAdministrator()
        {
            const string record = "Check in Billbee (Einstellungen → Benutzer) that the user is an administrator, then record who checked and when: New-IntegrationProfile <name> Billbee -Setting @{ administratorConfirmedBy = '<who>, <yyyy-MM-dd>' } -Force (with the other settings).";
            var text = _administratorConfirmedBy;
            if (string.IsNullOrWhiteSpace(text))
                return Unverified("Billbee's API does not show a user's role, and the guide requires an administrator; nobody has recorded checking it.", record, "none (the API shows no roles; nothing recorded)");
            // "<who>, <yyyy-MM-dd>" or any text naming a person first and holding a date, e.g. "K. Nordmann, checked in Billbee 2026-11-23".
            var date = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{4}-\d{2}-\d{2})\b");
            var comma = text.IndexOf(',');
            var who = (comma < 0 ? text.Replace(date.Value, "") : text.Substring(0, comma)).Trim();
            var evidence = "the profile's administratorConfirmedBy, typed by a person; not observed (the API shows no roles)";
            if (!date.Success || who.Length == 0 || !DateTime.TryParseExact(date.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                return Unverified($"The profile records '{text}' as having confirmed the administrator role, but not as who and when (a name and a yyyy-MM-dd date), so it cannot be signed as an attestation.", record, evidence);
            return Attested($"{who} attested on {on:yyyy-MM-dd} that the Billbee user is an administrator; the API cannot show roles.", who, on, evidence);
        }


        public override void Dispose() => _billbee?.Dispose();
    }
}
