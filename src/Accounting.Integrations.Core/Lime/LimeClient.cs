using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;
using Accounting.Integrations.Core.Paging;
using Accounting.Integrations.Core.Throttling;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>Lime CRM REST calls: x-api-key, HAL paging by _links.next, the query API and deletion, at the request limit.</summary>
    public sealed partial class LimeClient : IDisposable
    {
        const string Service = "Lime";
        readonly LimeConnection _connection;
        readonly ApiTransport _transport;

        internal LimeClient(LimeConnection connection, TransportOptions options)
        {
            _connection = connection;
            var throttle = ThrottleRegistry.For(Service, connection.BaseUri, connection.ApiKey.Reveal(),
                new[] { new RateRule("per-client", connection.RequestsPerFiveMinutes, TimeSpan.FromMinutes(5)) },
                paced: options?.ClientPacing ?? true, clock: options?.Clock);
            _transport = new ApiTransport(Service, connection.BaseUri, options, throttle, new LimeErrorInterpreter(), (message, ct) =>
            {
                message.Headers.TryAddWithoutValidation("x-api-key", connection.ApiKey.Reveal());
                message.Headers.TryAddWithoutValidation("Accept", "application/hal+json");
                return Task.CompletedTask;
            });
        }

        /// <summary>The transport (and through it the account's limiter); for tests.</summary>
        internal ApiTransport Transport => _transport;

        public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await _transport.SendAsync(new ApiRequest(HttpMethod.Get, ""), cancellationToken).ConfigureAwait(false);
                return new ConnectionTestResult { Service = Service, BaseUrl = _connection.BaseUri.AbsoluteUri, Success = true, Latency = watch.Elapsed };
            }
            catch (ServiceException ex)
            {
                return ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex, watch.Elapsed);
            }
        }

        /// <summary>A limetype's properties (name and type), from GET limetype/{name}/?_embed=properties.</summary>
        public async Task<IReadOnlyList<KeyValuePair<string, string>>> GetLimetypePropertiesAsync(string limetype, CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, $"limetype/{Uri.EscapeDataString(limetype)}/?_embed=properties") { Endpoint = "GET limetype" }, response =>
            {
                using (var doc = JsonElementReader.Parse(response))
                    return (IReadOnlyList<KeyValuePair<string, string>>)doc.RootElement.Obj("_embedded").Array("properties")
                        .Select(p => new KeyValuePair<string, string>(p.Str("name"), p.Str("type"))).ToList();
            }, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Whether this key's user can read a table: one GET limeobject/{table}/?_limit=1. True on 200, false on 403
        /// (policy denies R); a missing table (404) or any other failure is the caller's to report.
        /// </summary>
        public async Task<bool> CanReadTableAsync(string table, CancellationToken cancellationToken)
        {
            try
            {
                await _transport.SendAsync(new ApiRequest(HttpMethod.Get, $"limeobject/{Uri.EscapeDataString(table)}/?_limit=1") { Endpoint = "GET limeobject" }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization)
            {
                return false;
            }
        }

        /// <summary>The users of the application (GET admin/users/); the privileges it needs are undocumented.</summary>
        public async Task<IReadOnlyList<LimeUser>> GetUsersAsync(CancellationToken cancellationToken)
        {
            var list = new List<LimeUser>();
            // Lime's official client (lime-n8n-nodes-crm, transport/users.ts) reads a bare array of users with _limit; the
            // HAL shape of the object lists (_embedded.users, _links.next) is read too. ASSUMPTION: a bare array pages with
            // _offset as the object lists do.
            await foreach (var u in ListAsync("admin/users/?_limit=200", "users", "Reading Lime users", cancellationToken, acceptBareArray: true).ConfigureAwait(false))
                list.Add(Read(() => new LimeUser
                {
                    Id = u.Int("id") ?? 0, Username = u.Str("username"), Active = u.Bool("active") ?? false,
                    LoginType = u.Str("loginType"), UserType = u.Str("userType"),
                }));
            return list;
        }

        /// <summary>An item read after its page arrived: a field of the wrong type is a malformed answer, not a crash.</summary>
        static T Read<T>(Func<T> read)
        {
            try { return read(); }
            catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException)
            {
                throw new ServiceException(Service, ErrorReason.MalformedResponse, "Lime answered with a list item the module could not read",
                    serviceMessage: ex.Message, recommendedAction: "Report it to Lime support; the list is not what the API documents.");
            }
        }

        public async Task<IReadOnlyList<IntegrationMonitor>> GetIntegrationMonitorsAsync(CancellationToken cancellationToken)
        {
            var list = new List<IntegrationMonitor>();
            await foreach (var o in ListAsync("limeobject/integration_monitor/?_limit=100", "limeobjects", "Reading Lime objects", cancellationToken).ConfigureAwait(false))
                list.Add(new IntegrationMonitor
                {
                    Id = o.Int("_id") ?? 0, Name = o.Str("name"), IntegrationKey = o.Str("integration_key"), Type = OptionKey(o, "type"),
                    Active = o.Bool("active") ?? false, AlertStatus = OptionKey(o, "alertstatus"), AlertText = o.Str("alerttext"),
                });
            return list;
        }

        static string OptionKey(JsonElement o, string name)
        {
            var option = o.Obj(name);
            return option.ValueKind == JsonValueKind.Object ? option.Str("key") : o.Str(name);
        }

        /// <summary>
        /// HAL lists: items under _embedded.<paramref name="embedded"/>, the next page at _links.next.href until it is absent.
        /// A bare array (when accepted) has no links: a full page asks for the next by _offset, and a page that repeats the
        /// one before (a server that ignores _offset) ends the read with Lime.PagingStalled instead of asking again.
        /// </summary>
        IAsyncEnumerable<JsonElement> ListAsync(string first, string embedded, string activity, CancellationToken cancellationToken, bool acceptBareArray = false)
        {
            string previousBare = null;
            return PagedSequence.Stream<JsonElement>(Service, activity, first, async (cursor, ct) =>
            {
                var relative = (string)cursor;
                return await _transport.SendAsync(new ApiRequest(HttpMethod.Get, relative), response =>
                {
                    using (var doc = JsonElementReader.Parse(response))
                    {
                        var root = doc.RootElement;
                        if (acceptBareArray && root.ValueKind == JsonValueKind.Array)
                        {
                            var raw = root.GetRawText();
                            if (previousBare != null && raw == previousBare && root.GetArrayLength() > 0)
                                throw new ServiceException(Service, ErrorReason.PagingStalled,
                                    $"Lime answered {relative} with the same page as the one before: the list cannot be read past it",
                                    recommendedAction: "The read stopped instead of asking the same again. Check the Lime version's paging of this list with Lime support.");
                            previousBare = raw;
                            var page = root.EnumerateArray().Select(e => e.Clone()).ToList();
                            return new Page<JsonElement>(page, NextByOffset(relative, page.Count));
                        }
                        var items = EmbeddedItems(root.Obj("_embedded"), embedded).Select(e => e.Clone()).ToList();
                        var next = root.Obj("_links").Obj("next");
                        var href = next.ValueKind == JsonValueKind.Object ? next.Str("href") : null;
                        var nextRelative = href == null ? null : Relative(href);
                        if (nextRelative == relative)
                            throw new ServiceException(Service, ErrorReason.PagingStalled, $"Lime's next link for {relative} points at the same page",
                                recommendedAction: "The read stopped instead of asking the same again. Report it to Lime support.");
                        return new Page<JsonElement>(items, nextRelative);
                    }
                }, ct).ConfigureAwait(false);
            }, cancellationToken);
        }

        /// <summary>The next page of an offset-paged list: none after a page shorter than _limit.</summary>
        internal static string NextByOffset(string relative, int count)
        {
            var question = relative.IndexOf('?');
            var path = question < 0 ? relative : relative.Substring(0, question);
            var pairs = (question < 0 ? "" : relative.Substring(question + 1)).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => { var eq = p.IndexOf('='); return eq < 0 ? (Key: p, Value: "") : (Key: p.Substring(0, eq), Value: p.Substring(eq + 1)); }).ToList();
            var limitText = pairs.Where(p => p.Key == "_limit").Select(p => p.Value).FirstOrDefault();
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || count < limit) return null;
            var offsetText = pairs.Where(p => p.Key == "_offset").Select(p => p.Value).FirstOrDefault();
            int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset);
            var rest = pairs.Where(p => p.Key != "_offset").Select(p => p.Key + "=" + p.Value);
            return path + "?" + string.Join("&", rest.Concat(new[] { "_offset=" + (offset + count).ToString(CultureInfo.InvariantCulture) }));
        }

        /// <summary>A next link may be absolute, rooted or relative; the transport wants it relative to the API's base.</summary>
        string Relative(string href)
        {
            var absolute = new Uri(_connection.BaseUri, href);
            var basePath = _connection.BaseUri.AbsolutePath;
            var path = absolute.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal) ? absolute.AbsolutePath.Substring(basePath.Length) : absolute.AbsolutePath.TrimStart('/');
            return path + absolute.Query;
        }

        const int LogPageSize = 500;

        /// <summary>
        /// Logs of one monitor created before <paramref name="before"/>, by the query API, ordered by id. Pages by
        /// id (not offset), so deleting between pages cannot make it skip any.
        /// </summary>
        public IAsyncEnumerable<IntegrationMonitorLogEntry> GetLogsBeforeAsync(int monitorId, DateTimeOffset before, CancellationToken cancellationToken) =>
            GetLogsBeforeAsync(new[] { monitorId }, before, cancellationToken);

        /// <summary>
        /// Logs of several monitors created before <paramref name="before"/>, the monitors' reads running at once (each
        /// asks for its next page as soon as a page arrives, at most one page ahead; every read paged by id on its own, so
        /// still nothing skipped). Output order is fixed:
        /// a page of each monitor in turn, in the order given, each monitor's logs by id.
        /// </summary>
        public IAsyncEnumerable<IntegrationMonitorLogEntry> GetLogsBeforeAsync(IReadOnlyList<int> monitorIds, DateTimeOffset before, CancellationToken cancellationToken)
        {
            if (monitorIds == null) throw new ArgumentNullException(nameof(monitorIds));
            return PagedSequence.InTurn<IntegrationMonitorLogEntry>(Service, "Reading Lime integration monitor logs", monitorIds.Select(_ => (object)0).ToList(),
                (read, afterId, ct) => GetLogsPageAsync(monitorIds[read], before, (int)afterId, ct), cancellationToken);
        }

        async Task<Page<IntegrationMonitorLogEntry>> GetLogsPageAsync(int monitorId, DateTimeOffset before, int afterId, CancellationToken cancellationToken)
        {
            var query = "{\"limetype\":\"integration_monitor_log\",\"responseFormat\":{\"object\":{\"_id\":null,\"_createdtime\":null,\"integration_monitor\":null}},"
                + "\"filter\":{\"op\":\"AND\",\"exp\":[{\"key\":\"integration_monitor\",\"op\":\"=\",\"exp\":" + monitorId.ToString(CultureInfo.InvariantCulture) + "},"
                + "{\"key\":\"_createdtime\",\"op\":\"<\",\"exp\":\"" + before.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\"},"
                + "{\"key\":\"_id\",\"op\":\">\",\"exp\":" + afterId.ToString(CultureInfo.InvariantCulture) + "}]},"
                + "\"limit\":" + LogPageSize + ",\"offset\":0,\"orderBy\":[{\"_id\":\"ASC\"}]}";
            var page = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "query/?q=" + Uri.EscapeDataString(query)) { Endpoint = "GET query" },
                response => ParseLogsPage(response, monitorId), cancellationToken).ConfigureAwait(false);
            return new Page<IntegrationMonitorLogEntry>(page, page.Count < LogPageSize ? null : (object)page[page.Count - 1].Id);
        }

        /// <summary>One answer of the logs query (the bench times it beside the fetch).</summary>
        internal static List<IntegrationMonitorLogEntry> ParseLogsPage(ApiResponse response, int monitorId)
        {
            using (var doc = JsonElementReader.Parse(response))
                return doc.RootElement.Array("objects").Select(o => new IntegrationMonitorLogEntry
                {
                    Id = o.Int("_id") ?? throw new FormatException("A log has no _id."),
                    MonitorId = o.Int("integration_monitor") ?? monitorId,
                    Created = CreatedTime(o),
                }).ToList();
        }

        /// <summary>ISO 8601 as Lime writes it, by System.Text.Json's own parser; any other form as DateTimeOffset.Parse reads it.</summary>
        static DateTimeOffset CreatedTime(JsonElement log)
        {
            if (log.TryProp("_createdtime", out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var created)) return created;
            return DateTimeOffset.Parse(log.Str("_createdtime") ?? throw new FormatException("A log has no _createdtime."), CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Deletes one object and says what is known about it. Deleting an object by id is idempotent and harmless
        /// to repeat (a second DELETE of the same id can only answer 404; ids are not reused), so a lost answer is
        /// retried; a 404 after a lost answer is reported as such, not as "already gone".
        /// </summary>
        public async Task<DeleteOutcome> DeleteAsync(string limetype, int id, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Delete, $"limeobject/{limetype}/{id.ToString(CultureInfo.InvariantCulture)}/")
            {
                Endpoint = "DELETE limeobject", Idempotent = true,
                VerifyHint = $"GET limeobject/{limetype}/{id.ToString(CultureInfo.InvariantCulture)}/ answers 404 once it is gone; running Remove-IntegrationMonitorLog again deletes what is left",
            };
            try
            {
                await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return DeleteOutcome.Deleted;
            }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.NotFound)
            {
                return ex.EarlierAttemptMayHaveActed ? DeleteOutcome.GoneAfterLostAnswer : DeleteOutcome.AlreadyGone;
            }
        }

        /// <summary>The items of a HAL list: _embedded.<paramref name="name"/>, or with no name the one list _embedded holds.</summary>
        static IEnumerable<JsonElement> EmbeddedItems(JsonElement embedded, string name)
        {
            if (name != null) return embedded.Array(name);
            if (embedded.ValueKind != JsonValueKind.Object) return Enumerable.Empty<JsonElement>();
            var lists = embedded.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList();
            return lists.Count == 1 ? lists[0].Value.EnumerateArray() : Enumerable.Empty<JsonElement>();
        }

        /// <summary>The limiter's state as plain numbers (Get-IntegrationConnection).</summary>
        public LimiterState Limiter => LimiterState.Of(_transport.Throttle);

        /// <summary>
        /// Any call (Invoke-LimeRequest) with the API key, the request limit, retries and error mapping. The body parsed.
        /// </summary>
        public Task<object> SendRawAsync(RawRequest raw, CancellationToken cancellationToken) =>
            _transport.SendAsync(raw.ToApiRequest(), response => JsonTree.Parse(response), cancellationToken);

        /// <summary>A paged GET: HAL _links.next until it is absent (or a bare array by _offset), every page's items streamed.</summary>
        public async IAsyncEnumerable<object> SendRawPagedAsync(RawRequest raw, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            raw.RefusePagerKeys(Service, "_offset");
            await foreach (var item in ListAsync(raw.RelativeUri(), null, "Reading Lime " + raw.PathOnly, cancellationToken, acceptBareArray: true).ConfigureAwait(false))
                yield return JsonTree.From(item);
        }

        public void Dispose() => _transport.Dispose();
    }

    /// <summary>Lime's errors; an unauthenticated call looks like a missing resource (404), so the fix names both.</summary>
    internal sealed class LimeErrorInterpreter : IErrorInterpreter
    {
        public string RequestIdOf(ApiResponse response) => null;

        public ServiceException Interpret(ApiResponse response)
        {
            string message = null;
            try
            {
                using (var doc = JsonElementReader.Parse(response))
                    if (doc.RootElement.ValueKind == JsonValueKind.Object) message = doc.RootElement.Str("message") ?? doc.RootElement.Str("error");
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException) { }
            ServiceException Make(ErrorReason reason, string summary, string fix, bool transient = false) =>
                new ServiceException("Lime", reason, summary, response.StatusCode, null, message, isTransient: transient, recommendedAction: fix);
            switch (response.StatusCode)
            {
                case 401:
                case 404:
                    return Make(ErrorReason.NotFound, "Lime answered 404: the object does not exist, or the API key is wrong (Lime hides unauthenticated calls as 404)",
                        "Check the base URL (https://<host>/<application>/api/v1/) and the API key; an API user's key is created in LISA or Lime Admin and shown once.");
                case 403:
                    return Make(ErrorReason.Authorization, "The API user's policies deny this", "Grant the API user's group the right on the table (R, W, A or D) in LISA.");
                case 429:
                    return Make(ErrorReason.RateLimited, "Lime throttled the call", "Lime Cloud allows 3000 requests per 5 minutes; wait and try again.", true);
                default:
                    if (response.StatusCode >= 500) return Make(ErrorReason.ServerError, "Lime failed to process the call", "Try again later.", true);
                    return Make(ErrorReason.Validation, "Lime rejected the request", "See Lime's message.");
            }
        }
    }
}
