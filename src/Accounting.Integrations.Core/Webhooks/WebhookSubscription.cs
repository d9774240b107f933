using System;

namespace Accounting.Integrations.Core.Webhooks
{
    /// <summary>
    /// One webhook subscription at a service (Billbee /webhooks, Tripletex /event/subscription, Lime subscription/),
    /// in one shape for all three. The secret is write-only at every service, so only whether one was sent is known.
    /// </summary>
    public sealed class WebhookSubscription
    {
        public string Service { get; set; }
        /// <summary>The service's id (Billbee: a string, Tripletex: a number, Lime: a string), as text.</summary>
        public string Id { get; set; }
        public string Url { get; set; }
        public string[] Events { get; set; } = new string[0];
        /// <summary>Delivering now: Billbee not paused, Tripletex ACTIVE, Lime enabled.</summary>
        public bool Enabled { get; set; }
        /// <summary>The service's own word for the state (Tripletex: ACTIVE, DISABLED_TOO_MANY_ERRORS, …; Billbee: Paused/Active; Lime: Enabled/Disabled).</summary>
        public string Status { get; set; }
        /// <summary>Billbee's Description, Lime's name; null for Tripletex.</summary>
        public string Name { get; set; }
        /// <summary>Tripletex: the fields delivered with each event.</summary>
        public string Fields { get; set; }
        /// <summary>Tripletex: the name of the custom auth header sent with each delivery (its value is write-only).</summary>
        public string AuthHeaderName { get; set; }

        public override string ToString() => $"{Service} webhook {Id} -> {Url} [{string.Join(",", Events)}]";
    }

    /// <summary>An event a service can deliver (Billbee filter, Tripletex event key, Lime available event).</summary>
    public sealed class WebhookEvent
    {
        public string Service { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>What Test-*Webhook found about one subscription: Healthy when nothing stands in the way of deliveries.</summary>
    public sealed class WebhookTestResult
    {
        public string Service { get; set; }
        public string Id { get; set; }
        public string Url { get; set; }
        public bool Healthy { get; set; }
        public string Status { get; set; }
        public string[] Problems { get; set; } = new string[0];
        public string Fix { get; set; }

        public override string ToString() => $"{Service} webhook {Id}: {(Healthy ? "healthy" : string.Join("; ", Problems))}";
    }

    /// <summary>
    /// A webhook's target as the services accept it: absolute HTTPS (Tripletex documents it; assumed for the others),
    /// or plain HTTP to a loopback address, which only a rehearsal against the sandbox can reach.
    /// </summary>
    public static class WebhookTarget
    {
        /// <summary>Null when <paramref name="url"/> is acceptable; otherwise what is wrong with it and the fix.</summary>
        public static string Problem(Uri url)
        {
            if (url == null) return "The URL is missing.";
            if (!url.IsAbsoluteUri) return $"'{url}' is not an absolute URL; give the receiver's full https:// address.";
            if (url.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(url.Host)) return null;
            if (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) return null;
            return $"'{url}' is not an https:// URL; the services deliver only to HTTPS receivers (plain http only to a loopback receiver in a sandbox rehearsal).";
        }
    }
}
