using System;
using System.Text;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Errors
{
    /// <summary>
    /// The one exception type the core throws for a failed service call. Every text it carries has
    /// passed through <see cref="SecretRedactor"/>, so it is safe to print.
    /// </summary>
    public sealed class ServiceException : Exception
    {
        public ServiceException(string service, ErrorReason reason, string summary,
            int? httpStatus = null, string serviceCode = null, string serviceMessage = null,
            string requestId = null, bool isTransient = false, TimeSpan? retryAfter = null,
            string recommendedAction = null, Exception inner = null, bool notProcessed = false)
            : base(Compose(service, summary, httpStatus, serviceCode, serviceMessage, requestId, recommendedAction), Sanitize(inner))
        {
            Service = service;
            Reason = reason;
            Summary = SecretRedactor.Redact(summary);
            HttpStatus = httpStatus;
            ServiceCode = SecretRedactor.Redact(serviceCode);
            ServiceMessage = SecretRedactor.Redact(serviceMessage);
            RequestId = requestId;
            IsTransient = isTransient;
            RetryAfter = retryAfter;
            RecommendedAction = SecretRedactor.Redact(recommendedAction);
            NotProcessed = notProcessed;
        }

        public string Service { get; }
        public ErrorReason Reason { get; }
        /// <summary>The plain-words cause, without status or codes.</summary>
        public string Summary { get; }
        public int? HttpStatus { get; }
        public string ServiceCode { get; }
        public string ServiceMessage { get; }
        public string RequestId { get; }
        /// <summary>True when the same call may succeed later (throttling, 5xx, network).</summary>
        public bool IsTransient { get; }
        public TimeSpan? RetryAfter { get; }
        public string RecommendedAction { get; }
        /// <summary>True when the server certainly did not act on the request (refused before processing).</summary>
        public bool NotProcessed { get; }
        /// <summary>
        /// True when an earlier attempt of the same call ended without a readable answer, so the service may have
        /// acted on it: e.g. a DELETE retried after a lost answer that now says 404 may have been removed by that attempt.
        /// </summary>
        public bool EarlierAttemptMayHaveActed { get; internal set; }

        /// <summary>Stable, public identifier: "Service.Reason".</summary>
        public string ErrorId => Service + "." + Reason;

        static string Compose(string service, string summary, int? status, string code, string message, string requestId, string action)
        {
            var sb = new StringBuilder();
            sb.Append(service).Append(": ").Append(summary);
            if (status.HasValue || !string.IsNullOrEmpty(code) || !string.IsNullOrEmpty(message))
            {
                sb.Append(" (");
                var first = true;
                if (status.HasValue) { sb.Append("HTTP ").Append(status.Value); first = false; }
                if (!string.IsNullOrEmpty(code)) { sb.Append(first ? "" : ", ").Append("code ").Append(code); first = false; }
                if (!string.IsNullOrEmpty(message)) { sb.Append(first ? "" : ": ").Append(message.Trim()); }
                sb.Append(')');
            }
            if (!string.IsNullOrEmpty(requestId)) sb.Append(" Request id ").Append(requestId).Append('.');
            if (!string.IsNullOrEmpty(action)) sb.Append(' ').Append(action);
            return SecretRedactor.Redact(sb.ToString());
        }

        // Inner exceptions from the HTTP stack can quote URLs; keep the chain but not their raw text.
        static Exception Sanitize(Exception inner)
        {
            if (inner == null || inner is ServiceException) return inner;
            var text = SecretRedactor.Redact(inner.Message);
            return text == inner.Message ? inner : new RedactedException(inner.GetType().FullName, text);
        }
    }

    /// <summary>Stands in for an inner exception whose message had to be redacted.</summary>
    public sealed class RedactedException : Exception
    {
        public RedactedException(string originalType, string message) : base(message) { OriginalType = originalType; }
        public string OriginalType { get; }
    }
}
