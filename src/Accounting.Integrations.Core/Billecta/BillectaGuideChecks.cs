using System;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta's webhooks, set in its portal (no API), as an onboarding row with the exact values to enter.</summary>
    public static class BillectaGuideChecks
    {
        const string Service = "Billecta";

        /// <summary>Its steps of the setup guides (../shared/seeds) in their order, each with the onboarding row that reports it.</summary>
        public static readonly GuideStep[] Steps =
        {
            new GuideStep("000", "Preparations in Billecta", Service, "Connection and credentials"),
            new GuideStep("000", "Preparations in Billecta: webhooks to Lime (portal)", Service, "Webhooks (portal)"),
            new GuideStep("000", "Application configuration: billecta.api.base_url", Service, "Application config: base_url"),
            new GuideStep("000", "Application configuration: secrets billecta.api.authentication", Service, "Application config: authentication"),
        };

        public static OnboardingResult PortalWebhooks(Uri limeBase, bool test)
        {
            if (limeBase == null)
                return GuideRow.Manual("Billecta's webhooks are set in its portal (no API); the profile has no Lime service to send them to.",
                    "In the Billecta portal: Settings > Addons > Webhooks, per creditor: the URL https://<host>/<application>/" + BillectaWebhookSetup.ReceiverPath + ", header x-api-key = the API key of " + BillectaWebhookSetup.WebhookUser + ", and the event types.");
            var setup = BillectaWebhookSetup.For(limeBase, null, test, null);
            return GuideRow.Manual($"Billecta's webhooks are set in its portal (no API), per creditor; the module cannot read them. Receiver: {setup.ReceiverUrl}, header {setup.Header}.",
                string.Join(" ", setup.Steps));
        }
    }
}
