using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Base of the Invoke-&lt;Service&gt;Request cmdlets: any method and path relative to the connection's base URL,
    /// a query and a body, sent by the service's client through the connection's own transport (auth, limiter,
    /// retries, redaction, error mapping). -All follows the service's paging and streams every page's items;
    /// -First and -Skip then stop it early. A method other than GET asks ShouldProcess first.
    /// </summary>
    public abstract class InvokeRequestCmdlet : IntegrationCmdlet
    {
        static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

        /// <summary>Relative to the connection's base URL, e.g. shipment/ping; may include a query.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>Query parameters; an array value becomes the name repeated once per item.</summary>
        [Parameter]
        public IDictionary Query { get; set; }

        /// <summary>A JSON string as is, or any object, which is converted with ConvertTo-Json.</summary>
        [Parameter]
        public object Body { get; set; }

        /// <summary>Follows the service's paging and writes every item of every page as it arrives.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        // No member here or in the cmdlets names a type from dependencies/ (IAsyncEnumerable, the core's request): PowerShell
        // loads the public types before ModuleInitializer can resolve them. The calls go through RawRequests instead.
        /// <summary>The service's name as the ErrorIds and messages give it.</summary>
        private protected abstract string ServiceName { get; }
        private protected abstract Uri BaseUriOf(object connection);
        private protected abstract object Connect();

        protected override void ProcessRecord()
        {
            var connection = Connect();
            var method = Methods.First(m => string.Equals(m, Method, StringComparison.OrdinalIgnoreCase));
            var request = new RawRequest(new HttpMethod(method), RelativePath(BaseUriOf(connection)));
            AddQuery(request);
            if (Body != null) request.JsonBody = BodyJson();
            if (All && method != "GET") ThrowParameterError("All", $"-All follows the paging of a read; it cannot be combined with -Method {method}.", method);
            if (method != "GET" && !ShouldProcess($"{ServiceName} {BaseUriOf(connection)}{request.PathOnly}", $"{method} {request.PathOnly}")) return;
            var includeTotal = PagingParameters.IncludeTotalCount.IsPresent;
            if (!All)
            {
                Run(async (writer, ct) =>
                {
                    // One answer, whatever it holds: no total the module can vouch for (-All reads the service's).
                    if (includeTotal) writer.WriteObject(PagingParameters.NewTotalCount(0, 0.0));
                    var result = await RawRequests.SendAsync(connection, request, ct).ConfigureAwait(false);
                    if (result == null) return; // an empty answer (204, or 200 with no body) writes nothing
                    var value = JsonToPowerShell.Convert(result);
                    // A JSON array is written item by item, as Invoke-RestMethod does.
                    if (value is object[] items) foreach (var item in items) writer.WriteObject(item);
                    else writer.WriteObject(value);
                }, request.ToString());
                return;
            }
            // -Skip and -First for this record's read alone (each piped path is a read of its own, as the cmdlet has always done).
            var window = new PagingWindow(PagingParameters);
            Run(async (writer, ct) =>
            {
                var ended = false;
                // -IncludeTotalCount: the service's own total (a page's total rows or full result size) as soon as
                // the first page gives it, as the module's own reads do; else the count read, exact only when the read ran to its end.
                var totals = new TotalCountObserver(writer, total => { if (includeTotal) writer.WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0)); });
                using (CallObserverScope.Begin(totals))
                {
                    if (!window.Full) // -First 0: no call at all
                    {
                        await foreach (var item in RawRequests.SendPagedAsync(connection, request, ct).ConfigureAwait(false))
                            if (!window.Write(writer, item, JsonToPowerShell.Convert)) break; // stops paging: no page is fetched that nobody asked for
                        ended = !window.Stopped;
                    }
                }
                if (includeTotal && !totals.Reported) writer.WriteObject(PagingParameters.NewTotalCount(window.Seen, ended ? 1.0 : 0.0));
            }, request.ToString());
        }

        /// <summary>Passes everything on to the cmdlet's writer and reports the first total a page gives.</summary>
        sealed class TotalCountObserver : ICallObserver, IWarningObserver, IVerboseObserver
        {
            readonly ICallObserver _calls;
            readonly IWarningObserver _warnings;
            readonly IVerboseObserver _verbose;
            readonly Action<long> _total;
            int _reported;

            public TotalCountObserver(PipelineWriter writer, Action<long> total) { _calls = writer; _warnings = writer; _verbose = writer; _total = total; }

            public bool Reported => Volatile.Read(ref _reported) == 1;
            public void OnHttpExchange(HttpExchange exchange) => _calls.OnHttpExchange(exchange);
            public void OnRetry(RetryNotice notice) => _calls.OnRetry(notice);
            public void OnWarning(string message) => _warnings.OnWarning(message);
            public void OnVerbose(string message) => _verbose.OnVerbose(message);

            public void OnPage(PageProgress progress)
            {
                if (progress.TotalItems is long total && total >= 0 && Interlocked.Exchange(ref _reported, 1) == 0) _total(total);
                _calls.OnPage(progress);
            }
        }

        /// <summary>The path relative to the base URL; an absolute URL is accepted only inside the base URL.</summary>
        string RelativePath(Uri baseUri)
        {
            var path = Path.Trim();
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                var root = baseUri.AbsoluteUri;
                if (!absolute.AbsoluteUri.StartsWith(root, StringComparison.OrdinalIgnoreCase))
                    ThrowParameterError("Path", $"-Path '{path}' lies outside the connection's base URL {root}; give a path relative to it, e.g. -Path {SamplePath}.", path);
                return absolute.AbsoluteUri.Substring(root.Length);
            }
            if (path.StartsWith("//", StringComparison.Ordinal) || path.Split('/', '?')[0] == "..")
                ThrowParameterError("Path", $"-Path '{path}' must be relative to the connection's base URL {baseUri}, e.g. -Path {SamplePath}.", path);
            return path.TrimStart('/');
        }

        private protected abstract string SamplePath { get; }

        void AddQuery(RawRequest request)
        {
            if (Query == null) return;
            foreach (DictionaryEntry entry in Query)
            {
                var name = entry.Key?.ToString();
                if (string.IsNullOrEmpty(name)) ThrowParameterError("Query", "-Query has an empty name; give name = value pairs, e.g. @{ pageSize = 10 }.", Query);
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value is string || !(value is IEnumerable many)) request.Query.Add(new KeyValuePair<string, string>(name, Text(value)));
                else foreach (var item in many) request.Query.Add(new KeyValuePair<string, string>(name, Text(item)));
            }
        }

        static string Text(object value)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            switch (value)
            {
                case null: return "";
                case bool b: return b ? "true" : "false";
                case DateTime d: return d.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                case IFormattable f: return f.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }

        string BodyJson()
        {
            var body = Body is PSObject ps ? ps.BaseObject : Body;
            if (body is string text) return text;
            // PowerShell's own converter, so a hashtable or PSCustomObject becomes the JSON a user expects from ConvertTo-Json.
            var converted = InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($InputObject) ConvertTo-Json -InputObject $InputObject -Depth 32 -Compress"), null, Body);
            return string.Concat(converted.Select(o => o?.ToString()));
        }
    }
}

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>Sends a raw request through the connection's own transport (each service's connection implements it).</summary>
    internal static class RawRequests
    {
        public static Task<object> SendAsync(object connection, RawRequest request, CancellationToken cancellationToken) =>
            Of(connection).SendRawAsync(request, cancellationToken);

        public static IAsyncEnumerable<object> SendPagedAsync(object connection, RawRequest request, CancellationToken cancellationToken) =>
            Of(connection).SendRawPagedAsync(request, cancellationToken);

        static IServiceConnection Of(object connection) =>
            connection as IServiceConnection ?? throw new ArgumentException("Not a connection of this module.", nameof(connection));
    }
}
