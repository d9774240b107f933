using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// A call the module has no operation for (Invoke-&lt;Service&gt;Request): any method and path relative to the
    /// connection's base URL, a query and a JSON body. Each client sends it through its own transport, so auth,
    /// the limiter, retries (a write is never replayed unless the service provably did not act), redaction and
    /// error mapping are those of every other call.
    /// </summary>
    public sealed class RawRequest
    {
        static readonly Regex IdSegment = new Regex(@"^(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", RegexOptions.CultureInvariant);

        public RawRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = (path ?? "").TrimStart('/');
        }

        public HttpMethod Method { get; }
        /// <summary>Relative to the base URL, without a leading slash; may carry a query of its own.</summary>
        public string Path { get; }
        public IList<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        /// <summary>JSON text sent as the body; null for none.</summary>
        public string JsonBody { get; set; }

        public string PathOnly => ApiRequest.PathOnly(Path);

        /// <summary>The query names in the path and in <see cref="Query"/>.</summary>
        public IEnumerable<string> QueryNames
        {
            get
            {
                var q = Path.IndexOf('?');
                var inPath = q < 0 ? Enumerable.Empty<string>() : Path.Substring(q + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => Uri.UnescapeDataString(p.Split('=')[0]));
                return inPath.Concat(Query.Select(p => p.Key));
            }
        }

        /// <summary>Path and query, with <paramref name="extra"/> (a pager's own keys) after the caller's.</summary>
        public string RelativeUri(params KeyValuePair<string, string>[] extra)
        {
            var pairs = Query.Concat(extra ?? new KeyValuePair<string, string>[0]).ToList();
            if (pairs.Count == 0) return Path;
            return Path + (Path.IndexOf('?') < 0 ? "?" : "&") + ApiRequest.Query(pairs);
        }

        /// <summary>
        /// The limiter's bucket: method and path with ids as {id} ("GET orders/{id}"), so calls to one endpoint share
        /// its endpoint-scoped rules whatever the id.
        /// </summary>
        public string EndpointKey(string prefix = "") =>
            Method.Method + " " + prefix + string.Join("/", PathOnly.Split('/').Select(s => IdSegment.IsMatch(s) ? "{id}" : s));

        /// <summary>The request for the transport; the body, when there is one, as JSON.</summary>
        public ApiRequest ToApiRequest(string endpointPrefix = "", params KeyValuePair<string, string>[] extraQuery)
        {
            var request = new ApiRequest(Method, RelativeUri(extraQuery)) { Endpoint = EndpointKey(endpointPrefix) };
            if (JsonBody != null) request.WithJsonBody(JsonBody);
            else if (!request.IsRead) request.WithBody(new byte[0], null); // Content-Length: 0, which some servers require of a write
            return request;
        }

        /// <summary>Refuses a query key the pager sets itself: two values would make the read ambiguous.</summary>
        public void RefusePagerKeys(string service, params string[] keys)
        {
            var clash = QueryNames.Where(n => keys.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (clash.Count > 0)
                throw new ArgumentException($"With -All, {service}'s paging sets {string.Join(" and ", keys)} itself; leave {string.Join(", ", clash)} out of -Path and -Query.", "Query");
        }

        public override string ToString() => Method.Method + " " + PathOnly;
    }
}
