using System;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta's webhooks, set in its portal (no API), as an onboarding row with the exact values to enter.</summary>
    public static class BillectaGuideChecks
    {
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
