using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>A request to a service, independent of any one attempt to send it.</summary>
    public sealed class ApiRequest
    {
        // Only the methods that read. PUT and DELETE are idempotent in HTTP's sense, but sending one twice can still
        // do harm (a second state change sets off the shop's e-mails again), so a write is replayed only when its
        // operation is marked Idempotent below or the service certainly did not act (see ApiTransport.ShouldRetry).
        static readonly HashSet<string> SafeMethods = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS" };

        public ApiRequest(HttpMethod method, string relativeUri)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            RelativeUri = relativeUri ?? "";
        }

        public HttpMethod Method { get; }
        /// <summary>Path and query relative to the connection's base URL, without a leading slash.</summary>
        public string RelativeUri { get; }
        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
        public byte[] Body { get; private set; }
        public string ContentType { get; private set; }
        /// <summary>The bucket of endpoint-scoped rate rules, e.g. "GET orders". Defaults to method and path.</summary>
        public string Endpoint { get; set; }
        /// <summary>The resource a per-resource rate rule counts the call against, e.g. the order id of GET orders/{id}.</summary>
        public string Resource { get; set; }
        /// <summary>
        /// Overrides the method's rule: true for a write proven idempotent and harmless to repeat (a search sent as PUT,
        /// a new token), false for a read that must not be repeated. Say why at each use.
        /// </summary>
        public bool? Idempotent { get; set; }

        /// <summary>True when sending the request again can do no harm: a read, or a write marked <see cref="Idempotent"/>.</summary>
        public bool IsIdempotent => Idempotent ?? IsRead;

        /// <summary>True for the methods that only read (GET, HEAD, OPTIONS).</summary>
        public bool IsRead => SafeMethods.Contains(Method.Method);

        /// <summary>For a write: how a person checks whether it was applied after an uncertain outcome (e.g. "Get-BillbeeOrder -Id 5 shows its state").</summary>
        public string VerifyHint { get; set; }

        public string EndpointKey => Endpoint ?? Method.Method + " " + PathOnly(RelativeUri);

        public ApiRequest WithHeader(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public ApiRequest WithJsonBody(string json)
        {
            Body = json == null ? null : Encoding.UTF8.GetBytes(json);
            ContentType = "application/json; charset=utf-8";
            return this;
        }

        public ApiRequest WithBody(byte[] body, string contentType)
        {
            Body = body;
            ContentType = contentType;
            return this;
        }

        public static string PathOnly(string relativeUri)
        {
            var q = relativeUri.IndexOf('?');
            return q < 0 ? relativeUri : relativeUri.Substring(0, q);
        }

        /// <summary>Builds "a=1&amp;b=2" from pairs, skipping null values and escaping each part.</summary>
        public static string Query(IEnumerable<KeyValuePair<string, string>> pairs) =>
            string.Join("&", pairs.Where(p => p.Value != null)
                .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
