using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>The steps of guide 002 the older checks left out: Xentral's importer settings (no API) and the API usage.</summary>
    public static class BillbeeGuideChecks
    {
        const string Service = "Billbee";

        /// <summary>Its steps of the setup guides (../shared/seeds) in their order, each with the onboarding row that reports it.</summary>
        public static readonly GuideStep[] Steps =
        {
            new GuideStep("002", "Installation in Xentral: Benutzername und API-Passwort", Service, "Connection and credentials"),
            new GuideStep("002", "Der Account muss in Billbee ein Administrator sein", Service, "Administrator account"),
            new GuideStep("002", "Verbindungsdaten prüfen", Service, "Connection and credentials"),
            new GuideStep("002", "Billbee-IDs der Statusmeldungen ermitteln", Service, "Order states"),
            new GuideStep("002", "IDs in die Shopeinstellungen eintragen (Einstellungen des Importers)", Service, "Xentral importer settings"),
            new GuideStep("issue 20", "Billbee webhook subscriptions", Service, "Webhooks"),
            new GuideStep("issue 20", "Billbee API usage (past 100 000 a month billed)", Service, "API usage"),
        };

        /// <summary>Xentral's Billbee importer is configured in Xentral: the exact values to enter.</summary>
        public static OnboardingResult XentralImporter(string username, IReadOnlyList<int> importStateIds)
        {
            var ids = importStateIds == null || importStateIds.Count == 0
                ? "the Billbee state ids of the orders to import (Get-BillbeeOrderState lists them; the profile's importStateIds records them)"
                : string.Join(", ", importStateIds.Select(id => $"{id} ({BillbeeOrderStates.ById(id).GermanName})"));
            return GuideRow.Manual("Xentral's Billbee importer is set in Xentral, which no API of these services reaches; the module checked the same credentials against Billbee (Connection and credentials).",
                $"In Xentral: Shopimporter > Billbee > Einstellungen: Benutzername {username ?? "<the Billbee administrator's user name>"}, API-Passwort (Billbee: Einstellungen > System > Billbee API), press the connection check and expect \"success\"; then in the Shopeinstellungen enter the Billbee-IDs {ids}.");
        }

        /// <summary>Calls counted this month next to the 100 000 Billbee includes; where Billbee does not answer, the module cannot count for it.</summary>
        public static async Task<OnboardingResult> ApiUsageAsync(BillbeeClient client, CancellationToken ct)
        {
            const string evidence = "GET apiusage (a route of Billbee's help centre, not of its OpenAPI; its answer's shape is unverified)";
            BillbeeApiUsage usage;
            try { usage = await client.GetApiUsageAsync(ct).ConfigureAwait(false); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.NotFound || ex.Reason == ErrorReason.MalformedResponse || ex.Reason == ErrorReason.Authorization)
            {
                var own = client.Limiter.CallsSent;
                return GuideRow.Unverified($"Billbee did not report its API usage ({ex.Summary}). The module's own count is {own} calls sent by this process to the account: a count of its own calls, not Billbee's figure, which also counts every other client of the account this month.",
                    "See the usage in Billbee's account settings; calls past 100 000 a month are billed.", evidence + " failed; the module's own call count");
            }
            var detail = $"Billbee counts {usage.Calls} of the {usage.IncludedPerMonth} calls a month it includes as used ({usage.CallsSentByThisProcess} of them sent by this process, by the module's own count).";
            if (usage.BilledCalls > 0) return GuideRow.Warn(detail + $" {usage.BilledCalls} are past them and billed.", "Lower the integration's call rate (use modifiedAtMin reads, fewer polls) or budget for the extra calls.", evidence);
            if (usage.Remaining < usage.IncludedPerMonth / 10) return GuideRow.Warn(detail + $" Only {usage.Remaining} remain before calls are billed.", "Lower the integration's call rate or budget for extra calls.", evidence);
            return GuideRow.Pass(detail, evidence);
        }
    }
}
