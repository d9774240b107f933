using System;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>How patient a connection is: attempts, backoff, Retry-After cap and per-attempt timeout.</summary>
    public sealed class TransportOptions
    {
        /// <summary>Total attempts per call, the first included.</summary>
        public int MaxAttempts { get; set; } = 5;
        /// <summary>First backoff delay; doubles per attempt, with jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>Cap on a computed backoff delay.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>A Retry-After longer than this is not waited for; the call fails and says when to try again.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);
        /// <summary>Time allowed for one attempt, from sending to the last byte of the body.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Longest body text kept for -Debug traces.</summary>
        public int TraceBodyLimit { get; set; } = 2048;
        /// <summary>
        /// Largest answer body read, in bytes, decompressed. A larger one (declared or streamed) ends the call with a
        /// ResponseTooLarge error that is not retried: memory stays bounded whatever a server sends.
        /// </summary>
        public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
        public const long DefaultMaxResponseBytes = 32L * 1024 * 1024;
        /// <summary>Proxy for every request of the connection; null uses the system's.</summary>
        public Uri Proxy { get; set; }
        /// <summary>
        /// Whether the client paces calls under the service's documented limits. Off (-NoRateLimit) only for a
        /// sandbox or an account with raised limits; the account's every connection in the process follows the newest.
        /// </summary>
        public bool ClientPacing { get; set; } = true;
        /// <summary>The clock for pacing, retry delays and session expiry; null is the system clock. Tests pass a fake one.</summary>
        public TimeProvider Clock { get; set; }

        internal TimeProvider ClockOrSystem => Clock ?? TimeProvider.System;

        public TransportOptions Clone() => (TransportOptions)MemberwiseClone();

        public void Validate()
        {
            if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), "MaxAttempts must be at least 1.");
            if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), "AttemptTimeout must be positive.");
            if (MaxResponseBytes < 1 || MaxResponseBytes > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), "MaxResponseBytes must be between 1 byte and 1 GB.");
            if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), "Delays cannot be negative.");
        }
    }
}
