using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>One attempt to deliver an event to a registered receiver, as the sandbox's control endpoints report it.</summary>
public sealed record WebhookDelivery(string Service, string SubscriptionId, string Url, string Event, int Attempt, int? Status, string? Error, DateTimeOffset At);

/// <summary>How a sandbox service spoils its deliveries' signatures, to rehearse a receiver that must refuse them.</summary>
public enum SignatureFault { None, Wrong, Missing }

/// <summary>Reads the values of the services' webhook command-line flags (--&lt;service&gt;-webhook-…).</summary>
public static class WebhookFlags
{
    /// <summary>"none", "wrong" or "missing" (any case).</summary>
    public static SignatureFault Signature(string flag, string value) =>
        Enum.TryParse<SignatureFault>(value, ignoreCase: true, out var fault) && Enum.IsDefined(fault)
            ? fault : throw new ArgumentException($"{flag} takes none, wrong or missing, not '{value}'.");

    /// <summary>A count of at least <paramref name="min"/>.</summary>
    public static int Count(string flag, string value, int min = 1) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min
            ? n : throw new ArgumentException($"{flag} takes a whole number of at least {min}, not '{value}'.");
}

/// <summary>
/// Sends webhook deliveries for the emulated services: POST with the service's headers to the registered URL,
/// again on a failure up to a number of attempts (at once: the real services' back-off is hours long and
/// nothing here waits for it). Every attempt is kept for the control endpoints and tests.
/// </summary>
public sealed class WebhookSender
{
    static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
    readonly ConcurrentQueue<WebhookDelivery> _log = new();

    public IReadOnlyList<WebhookDelivery> Log => _log.ToList();

    public async Task<IReadOnlyList<WebhookDelivery>> DeliverAsync(string service, string subscriptionId, string url, string eventName, byte[] body,
        IReadOnlyDictionary<string, string> headers, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var attempts = new List<WebhookDelivery>();
        for (var attempt = 1; attempt <= Math.Max(1, maxAttempts); attempt++)
        {
            WebhookDelivery delivery;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                using var response = await Http.SendAsync(request, cancellationToken);
                delivery = new WebhookDelivery(service, subscriptionId, url, eventName, attempt, (int)response.StatusCode, null, now);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException)
            {
                delivery = new WebhookDelivery(service, subscriptionId, url, eventName, attempt, null, ex.GetType().Name + ": " + ex.Message, now);
            }
            attempts.Add(delivery);
            _log.Enqueue(delivery);
            if (delivery.Status is >= 200 and < 300) break;
        }
        return attempts;
    }

    /// <summary>A GET to the receiver (Billbee's registration echo test), answered body or null when it failed.</summary>
    public async Task<string?> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException) { return null; }
    }

    /// <summary>A receiver the services accept: absolute https, or http to a loopback address (the sandbox's own rehearsals).</summary>
    public static bool AcceptableTarget(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback));
}
