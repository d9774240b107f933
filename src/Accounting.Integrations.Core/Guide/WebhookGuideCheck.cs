using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Webhooks;

namespace Accounting.Integrations.Core.Guide
{
    /// <summary>The webhook state of one service as an onboarding row: every subscription healthy, or what is wrong with which.</summary>
    public static class WebhookGuideCheck
    {
        public static async Task<OnboardingResult> StateAsync(string service, Func<CancellationToken, Task<IReadOnlyList<WebhookSubscription>>> list,
            Func<CancellationToken, Task<IReadOnlyList<WebhookEvent>>> events, string listEndpoint, CancellationToken ct)
        {
            var subscriptions = await list(ct).ConfigureAwait(false);
            var evidence = listEndpoint + " (the subscriptions and their state)";
            if (subscriptions.Count == 0)
                return GuideRow.Unverified($"No {service} webhook subscriptions. The guides ask for none, so this is only a finding if the integration expects pushed events (the service cannot say).",
                    $"If the integration takes pushed events, register its receiver: Add-{service}Webhook -Url <https receiver> -Event <events from Get-{service}WebhookEvent> -Secret <secret>.", evidence);
            var known = await events(ct).ConfigureAwait(false);
            var results = subscriptions.Select(s => WebhookHealth.Evaluate(s, known, $"remove it (Remove-{service}Webhook -Id {s.Id}) and add it again (Add-{service}Webhook)")).ToList();
            var bad = results.Where(r => !r.Healthy).ToList();
            var listText = string.Join("; ", subscriptions.Select(s => $"{s.Id} {string.Join(",", s.Events)} -> {s.Url} ({s.Status})"));
            if (bad.Count > 0)
                return GuideRow.Warn($"{bad.Count} of {subscriptions.Count} {service} webhook subscriptions cannot deliver: " + string.Join(" ", bad.Select(b => $"{b.Id}: {string.Join(" ", b.Problems)}")) + " All: " + listText + ".",
                    string.Join(" ", bad.Select(b => b.Fix).Distinct()), evidence);
            return GuideRow.Pass($"{subscriptions.Count} {service} webhook subscription(s), each enabled with an https receiver and events the service offers: {listText}.", evidence);
        }
    }
}
