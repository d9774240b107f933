using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>What came back from one attempt: status, headers and the body as text.</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string reasonPhrase, IDictionary<string, string> headers, string body, TimeSpan elapsed, Uri requestUri)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Headers = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            Body = body ?? "";
            Elapsed = elapsed;
            RequestUri = requestUri;
        }

        public int StatusCode { get; }
        public string ReasonPhrase { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }
        public TimeSpan Elapsed { get; }
        public Uri RequestUri { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }
}
