using System;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Webhooks
{
    /// <summary>What stands in the way of a subscription's deliveries, from what the service reports about it.</summary>
    public static class WebhookHealth
    {
        public static WebhookTestResult Evaluate(WebhookSubscription subscription, IReadOnlyCollection<WebhookEvent> knownEvents, string reAddHint)
        {
            var problems = new List<string>();
            var fixes = new List<string>();
            if (!subscription.Enabled)
            {
                problems.Add($"The service reports it as {subscription.Status}: nothing is delivered.");
                fixes.Add(subscription.Status != null && subscription.Status.StartsWith("DISABLED_", StringComparison.Ordinal)
                    ? "The service switched it off (" + subscription.Status + "): make the receiver answer 2xx, then " + reAddHint + "."
                    : "Enable it again at the service, or " + reAddHint + ".");
            }
            Uri url = null;
            var target = subscription.Url == null || !Uri.TryCreate(subscription.Url, UriKind.Absolute, out url) ? "'" + subscription.Url + "' is not an absolute URL." : WebhookTarget.Problem(url);
            if (target != null)
            {
                problems.Add(target);
                fixes.Add(reAddHint + " with the receiver's https:// URL.");
            }
            if (subscription.Events.Length == 0)
            {
                problems.Add("It subscribes to no event.");
                fixes.Add(reAddHint + " with -Event.");
            }
            if (knownEvents != null && knownEvents.Count > 0)
            {
                var names = new HashSet<string>(knownEvents.Select(e => e.Name), StringComparer.OrdinalIgnoreCase);
                var unknown = subscription.Events.Where(e => !names.Contains(e)).ToList();
                if (unknown.Count > 0)
                {
                    problems.Add("The service no longer offers " + string.Join(", ", unknown) + ".");
                    fixes.Add(reAddHint + " with events the service lists now.");
                }
            }
            return new WebhookTestResult
            {
                Service = subscription.Service, Id = subscription.Id, Url = subscription.Url, Status = subscription.Status,
                Healthy = problems.Count == 0, Problems = problems.ToArray(), Fix = fixes.Count == 0 ? null : string.Join(" ", fixes.Distinct()),
            };
        }
    }
}
