using System;

namespace Accounting.Integrations.Core.Webhooks
{
    /// <summary>
    /// One webhook subscription at a service, in one shape for every service that has a webhook API. The secret is
    /// write-only at every such service, so it is never part of this.
    /// </summary>
    public sealed class WebhookSubscription
    {
        public string Service { get; set; }
        /// <summary>The service's id (a number or a string there), as text.</summary>
        public string Id { get; set; }
        public string Url { get; set; }
        public string[] Events { get; set; } = new string[0];
        /// <summary>Delivering now: not paused, disabled or switched off by the service.</summary>
        public bool Enabled { get; set; }
        /// <summary>The service's own word for the state (e.g. ACTIVE, DISABLED_TOO_MANY_ERRORS, Paused, Enabled).</summary>
        public string Status { get; set; }
        /// <summary>The subscription's name or description, where the service keeps one.</summary>
        public string Name { get; set; }
        /// <summary>The fields delivered with each event, where the service lets them be chosen.</summary>
        public string Fields { get; set; }
        /// <summary>The name of a custom auth header sent with each delivery (its value is write-only).</summary>
        public string AuthHeaderName { get; set; }

        public override string ToString() => $"{Service} webhook {Id} -> {Url} [{string.Join(",", Events)}]";
    }

    /// <summary>An event a service can deliver to a webhook (a filter, an event key).</summary>
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
    /// A webhook's target as the services accept it: absolute HTTPS (documented by one service, assumed for the others),
    /// or plain HTTP to a loopback address, which only a rehearsal against the sandbox can reach.
    /// </summary>
    public static class WebhookTarget
    {
        /// <summary>Null when <paramref name="url"/> is acceptable; otherwise what is wrong with it and the fix.</summary>
        public static string Problem(Uri url)
        {
            if (url == null) return "The URL is missing.";
            if (!url.IsAbsoluteUri) return $"'{url}' is not an absolute URL; give the receiver's full https:// address.";
            // Tripletex documents credentials in the URL ("https://username:password@…", its targetUrl), but a URL is
            // plain text in output, logs and history: such credentials go in a header given as a SecureString instead.
            if (!string.IsNullOrEmpty(url.UserInfo))
                return "the URL carries credentials (user:password@); they would show wherever the URL does. Give the URL without them and the credentials as a header (Add-TripletexWebhook -AuthHeaderName Authorization -AuthHeaderValue), or sign the deliveries with -Secret.";
            if (url.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(url.Host)) return null;
            if (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) return null;
            return $"'{url}' is not an https:// URL; the services deliver only to HTTPS receivers (plain http only to a loopback receiver in a sandbox rehearsal).";
        }

        /// <summary>A target URL as read back from a service, with any user:password@ part masked (a subscription made elsewhere may carry one).</summary>
        public static string Redact(string url)
        {
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var u) || string.IsNullOrEmpty(u.UserInfo)) return url;
            var at = url.IndexOf('@');
            var start = url.IndexOf("://", StringComparison.Ordinal);
            return start < 0 || at < start ? url : url.Substring(0, start + 3) + "***@" + url.Substring(at + 1);
        }
    }
}
