using System;

namespace Accounting.Integrations.Core.Tracing
{
    /// <summary>One HTTP attempt as seen by the trace hook. Every text field is redacted.</summary>
    public sealed class HttpExchange
    {
        public string Service { get; set; }
        public string Method { get; set; }
        public string Url { get => Made(ref _url, ref _makeUrl); set { _url = value; _makeUrl = null; } }
        public int? StatusCode { get; set; }
        public string Outcome { get; set; }
        public TimeSpan Elapsed { get; set; }
        public int Attempt { get; set; }
        public string RequestHeaders { get => Made(ref _requestHeaders, ref _makeRequestHeaders); set { _requestHeaders = value; _makeRequestHeaders = null; } }
        public string RequestBody { get => Made(ref _requestBody, ref _makeRequestBody); set { _requestBody = value; _makeRequestBody = null; } }
        public string ResponseHeaders { get => Made(ref _responseHeaders, ref _makeResponseHeaders); set { _responseHeaders = value; _makeResponseHeaders = null; } }
        public string ResponseBody { get => Made(ref _responseBody, ref _makeResponseBody); set { _responseBody = value; _makeResponseBody = null; } }

        string _url, _requestHeaders, _requestBody, _responseHeaders, _responseBody;
        Func<string> _makeUrl, _makeRequestHeaders, _makeRequestBody, _makeResponseHeaders, _makeResponseBody;

        /// <summary>
        /// The text fields made (and redacted) only when read: every call is reported, but only -Verbose reads the URL
        /// and only -Debug the rest, and redacting headers and bodies of every page was work for nothing.
        /// </summary>
        internal HttpExchange Deferred(Func<string> url, Func<string> requestHeaders, Func<string> requestBody, Func<string> responseHeaders, Func<string> responseBody)
        {
            _makeUrl = url;
            _makeRequestHeaders = requestHeaders;
            _makeRequestBody = requestBody;
            _makeResponseHeaders = responseHeaders;
            _makeResponseBody = responseBody;
            return this;
        }

        static string Made(ref string value, ref Func<string> make)
        {
            var pending = make;
            if (pending != null)
            {
                value = pending();
                make = null;
            }
            return value;
        }

        /// <summary>The one-line form used for -Verbose.</summary>
        public string Summary =>
            $"{Service}: {Method} {Url} -> {(StatusCode.HasValue ? StatusCode.Value.ToString() : Outcome)} in {(long)Elapsed.TotalMilliseconds} ms" +
            (Attempt > 1 ? $" (attempt {Attempt})" : "");

        /// <summary>The multi-line form used for -Debug.</summary>
        public string Detail =>
            Summary + Environment.NewLine +
            "Request headers:" + Environment.NewLine + RequestHeaders +
            (string.IsNullOrEmpty(RequestBody) ? "" : "Request body: " + RequestBody + Environment.NewLine) +
            "Response headers:" + Environment.NewLine + ResponseHeaders +
            (string.IsNullOrEmpty(ResponseBody) ? "" : "Response body: " + ResponseBody);
    }

    /// <summary>A retry the core is about to make, with the reason and the wait.</summary>
    public sealed class RetryNotice
    {
        public string Service { get; set; }
        public string Method { get; set; }
        public string Url { get; set; }
        public int Attempt { get; set; }
        public int MaxAttempts { get; set; }
        public TimeSpan Delay { get; set; }
        public bool DelayFromRetryAfter { get; set; }
        public string Reason { get; set; }

        public string Message =>
            $"{Service}: {Method} {Url} failed ({Reason}); retrying in {Delay.TotalSeconds:0.0} s" +
            (DelayFromRetryAfter ? " as the service's Retry-After asks" : "") +
            $" (attempt {Attempt + 1} of {MaxAttempts}).";
    }

    /// <summary>Progress of a paged read.</summary>
    public sealed class PageProgress
    {
        public string Service { get; set; }
        public string Activity { get; set; }
        public int PagesRead { get; set; }
        public long ItemsRead { get; set; }
        public long? TotalItems { get; set; }
        public bool Completed { get; set; }
    }
}
