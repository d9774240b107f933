using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// Sends requests for one connection: one HttpClient, the account's rate limiter, retries with
    /// backoff that honour Retry-After, a per-attempt timeout, redacted tracing, and failures turned
    /// into <see cref="ServiceException"/> by the service's own <see cref="IErrorInterpreter"/>.
    /// <para>
    /// The one write path. A read (GET, HEAD, OPTIONS) is retried on any transient failure. A write (PUT, POST, PATCH,
    /// DELETE) is sent again only when the service certainly did not act on it: nothing answered the connection, the
    /// name did not resolve, the TLS handshake failed, or a 429 (every service here throttles before it processes,
    /// an ASSUMPTION where a service's spec does not say; its error interpreter marks it at its 429). A 500, 502, 503 or 504 is not such evidence, with
    /// or without Retry-After: a gateway answers 503/504 when the server behind it is slow, and that server may
    /// still act. Only an operation marked <see cref="ApiRequest.Idempotent"/> (proven idempotent and harmless) is
    /// replayed regardless. A write whose outcome is left open fails as "Service.OutcomeUnknown", which says that the
    /// change may have been applied and how to check.
    /// </para>
    /// <para>
    /// Credentials go only where <see cref="CredentialTarget"/> allows: the base URL must be https or loopback, each
    /// attempt must stay on the base URL's host, and a loopback base URL never uses a proxy. Bodies are read up to
    /// <see cref="TransportOptions.MaxResponseBytes"/>.
    /// </para>
    /// </summary>
    public sealed class ApiTransport : IDisposable
    {
        static readonly int[] TransientStatuses = { 408, 429, 500, 502, 503, 504 };
        static readonly string UserAgent = "Accounting.Integrations/" + typeof(ApiTransport).Assembly.GetName().Version.ToString(3);

        readonly HttpClient _http;
        readonly IErrorInterpreter _errors;
        readonly Random _jitter = new Random();
        long _fastestRoundTripTicks = long.MaxValue;

        public ApiTransport(string service, Uri baseUri, TransportOptions options, RequestThrottle throttle,
            IErrorInterpreter errors, Func<HttpRequestMessage, CancellationToken, Task> authenticate = null,
            HttpMessageHandler handler = null)
        {
            Service = service ?? throw new ArgumentNullException(nameof(service));
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            CredentialTarget.Require(baseUri, nameof(baseUri));
            BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
            Options = (options ?? new TransportOptions()).Clone();
            Options.Validate();
            Throttle = throttle ?? RequestThrottle.Unlimited;
            _errors = errors ?? throw new ArgumentNullException(nameof(errors));
            Authenticate = authenticate;
            _http = new HttpClient(handler ?? CreateHandler(Options, BaseUri), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public string Service { get; }
        public Uri BaseUri { get; }
        public TransportOptions Options { get; }
        public RequestThrottle Throttle { get; }
        /// <summary>Adds credentials to each attempt (signatures may depend on the exact URL and body).</summary>
        public Func<HttpRequestMessage, CancellationToken, Task> Authenticate { get; set; }
        /// <summary>Called with every response before it is judged, e.g. to feed a server's quota headers to the limiter.</summary>
        public Action<ApiResponse> ResponseObserver { get; set; }

        static HttpMessageHandler CreateHandler(TransportOptions options, Uri baseUri)
        {
            var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate, AllowAutoRedirect = false };
            // A call to this machine never goes through a proxy, neither -Proxy nor HTTP(S)_PROXY: a proxy would see
            // the credentials of a call that was never meant to leave the machine. Every attempt stays on the base
            // URL's host (SendWithPermitAsync), so the decision holds for the whole connection.
            if (CredentialTarget.IsLoopback(baseUri)) handler.UseProxy = false;
            else if (options.Proxy != null) { handler.Proxy = new WebProxy(options.Proxy); handler.UseProxy = true; }
            return handler;
        }

        /// <summary>Sends and returns the successful response; failures become <see cref="ServiceException"/>.</summary>
        public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
            SendAsync(request, r => r, cancellationToken);

        /// <summary>
        /// Sends and parses inside the retry loop, so that a malformed or truncated body on an idempotent
        /// request is retried like any transient failure. The loop: an attempt (a permit from the limiter, the exchange,
        /// the parse), and while it failed transiently (<see cref="ShouldRetry"/>) and attempts are left, the notice to the
        /// caller's observer and the delay (<see cref="DelayFor"/>) on the connection's clock, so that backoff runs on
        /// virtual time in tests. A cancelled token ends it before the next attempt and during a delay.
        /// One method, written out: each async method a call passes through is a state machine whose generic builder
        /// code the runtime compiles on a session's first call (ReadyToRun cannot), and a resilience library's pipeline
        /// compiled a few hundred more.
        /// </summary>
        public async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var retries = Options.MaxAttempts - 1;
            var uncertainAttempts = 0;
            try
            {
                for (var retry = 0; ; retry++)
                {
                    if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
                    Exception failure;
                    var earlierUncertain = uncertainAttempts > 0;
                    try
                    {
                        try
                        {
                            var permit = await Throttle.AcquireAsync(request.EndpointKey, request.Resource, cancellationToken).ConfigureAwait(false);
                            ApiResponse response;
                            // Whatever happens below (an answer, a failure, Ctrl+C), the limiter must learn when the call can have arrived:
                            // the calls a window later wait for it. The first report counts, so the one made at the headers wins.
                            try { response = await SendWithPermitAsync(request, retry + 1, permit, cancellationToken).ConfigureAwait(false); }
                            finally { permit.Settle(permit.NowTicks); }
                            if (!response.IsSuccess) throw Interpret(response);
                            return Parse(response, parse);
                        }
                        catch (ServiceException se)
                        {
                            if (!request.IsRead && MayHaveActed(se)) uncertainAttempts++;
                            if (earlierUncertain) se.EarlierAttemptMayHaveActed = true;
                            throw;
                        }
                    }
                    catch (Exception ex) when (retry < retries && !cancellationToken.IsCancellationRequested && ShouldRetry(ex, request))
                    {
                        failure = ex;
                    }
                    var delay = DelayFor(failure, retry);
                    NoticeRetry(request, failure, retry, delay);
                    if (delay > TimeSpan.Zero) await Options.ClockOrSystem.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ServiceException se) when (!request.IsRead && MayHaveActed(se))
            {
                throw OutcomeUnknown(request, se);
            }
        }

        T Parse<T>(ApiResponse response, Func<ApiResponse, T> parse)
        {
            try
            {
                return parse(response);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is KeyNotFoundException || ex is InvalidCastException)
            {
                // Broken JSON is what a cut-off or garbled transfer produces, so it is worth another try;
                // well-formed JSON with the wrong content will be the same next time.
                throw new ServiceException(Service, ErrorReason.MalformedResponse,
                    "The service answered with a body the module could not read", response.StatusCode,
                    serviceMessage: ex.Message, requestId: RequestIdOf(response), isTransient: ex is JsonException,
                    recommendedAction: "Try again; if it persists, report the request id to the service.");
            }
        }

        /// <summary>
        /// False when the failure proves the service did not act: refused before processing (<see cref="ServiceException.NotProcessed"/>),
        /// a 4xx, or a refusal the service's interpreter read from a complete answer (some services refuse inside a 200 envelope).
        /// A 5xx, a lost or cut-off answer, a timeout, an unreadable or oversized body leave a write's outcome open.
        /// </summary>
        static bool MayHaveActed(ServiceException se) =>
            !se.NotProcessed && !(se.HttpStatus is int status && status >= 400 && status < 500) && OpenReasons.Contains(se.Reason);

        static readonly ErrorReason[] OpenReasons =
        {
            ErrorReason.Unknown, ErrorReason.ServerError, ErrorReason.MalformedResponse, ErrorReason.Timeout, ErrorReason.Network, ErrorReason.ResponseTooLarge,
        };

        ServiceException OutcomeUnknown(ApiRequest request, ServiceException cause)
        {
            var what = request.Method.Method + " " + ApiRequest.PathOnly(request.RelativeUri);
            var answered = cause.HttpStatus.HasValue && cause.HttpStatus.Value < 300
                ? $"it answered HTTP {cause.HttpStatus.Value}, so the change was probably applied, but the answer could not be read"
                : "no complete answer came back";
            var check = string.IsNullOrEmpty(request.VerifyHint) ? "Check the object's current state at the service" : request.VerifyHint;
            var ex = new ServiceException(Service, ErrorReason.OutcomeUnknown,
                $"The change may have been applied: {what} reached {Service} but {answered} ({cause.Summary})",
                cause.HttpStatus, cause.ServiceCode, cause.ServiceMessage, cause.RequestId, isTransient: false, retryAfter: null,
                recommendedAction: check + " before running it again. The module did not send it twice, because repeating a change can repeat its effects (e-mails, automations).",
                inner: cause);
            ex.EarlierAttemptMayHaveActed = cause.EarlierAttemptMayHaveActed;
            return ex;
        }

        ServiceException Interpret(ApiResponse response)
        {
            // Redirects are never followed (credentials would go to a host nobody named), so say so instead of "rejected".
            if (response.StatusCode >= 300 && response.StatusCode < 400)
            {
                var service = _errors.Interpret(response).Service;
                var location = response.Header("Location");
                return new ServiceException(service, ErrorReason.Configuration,
                    $"{service} answered with a redirect (HTTP {response.StatusCode}){(string.IsNullOrEmpty(location) ? "" : " to " + location)}, which the module does not follow: credentials go only to the base URL given",
                    response.StatusCode, requestId: RequestIdOf(response),
                    recommendedAction: "Check -BaseUrl (or the profile's baseUrl): if the redirect target is the service's right address, connect to it directly.");
            }
            var ex = _errors.Interpret(response);
            var transient = TransientStatuses.Contains(response.StatusCode) || ex.IsTransient;
            TimeSpan? retryAfter = ex.RetryAfter ?? RetryAfter.Parse(response.Header("Retry-After"), Options.ClockOrSystem.GetUtcNow());
            var notProcessed = response.StatusCode == 429 || ex.NotProcessed;
            if (transient == ex.IsTransient && retryAfter == ex.RetryAfter && notProcessed == ex.NotProcessed) return ex;
            return new ServiceException(ex.Service, ex.Reason, ex.Summary, ex.HttpStatus, ex.ServiceCode, ex.ServiceMessage,
                ex.RequestId, transient, retryAfter, ex.RecommendedAction, ex.InnerException, notProcessed);
        }

        string RequestIdOf(ApiResponse response) => _errors.RequestIdOf(response);

        async Task<ApiResponse> SendWithPermitAsync(ApiRequest request, int attempt, ThrottlePermit permit, CancellationToken cancellationToken)
        {
            var uri = new Uri(BaseUri, request.RelativeUri);
            if (!CredentialTarget.SameOrigin(uri, BaseUri))
                throw new ServiceException(Service, ErrorReason.Configuration,
                    $"Refused to send the credentials to {uri.Host}: this connection was made for {BaseUri.Host}", notProcessed: true,
                    recommendedAction: "Report this to the module's maintainers: a call tried to leave the host the connection names.");
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var message = BuildMessage(request, uri))
            {
                // Credentials come first and under the caller's token, not this attempt's timeout: making them may mean
                // a call of its own (a session the service opens) that waits its turn at the limiter, perhaps behind a pause.
                // Under the attempt's timeout that wait ended in a bare TaskCanceledException (found by the soak).
                if (Authenticate != null) await Authenticate(message, cancellationToken).ConfigureAwait(false);
                attemptCts.CancelAfter(Options.AttemptTimeout);
                var watch = Stopwatch.StartNew();
                try
                {
                    using (var httpResponse = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false))
                    {
                        SettlePermit(permit); // at the headers: the body's transfer time says nothing about arrival
                        ApiResponse.BodyBytes body;
                        try
                        {
                            body = httpResponse.Content == null ? ApiResponse.BodyBytes.Empty : await ReadBodyAsync(httpResponse.Content, (int)httpResponse.StatusCode, attemptCts.Token).ConfigureAwait(false);
                        }
                        catch (ServiceException tooLarge)
                        {
                            Report(request, message, attempt, null, "answer too large (HTTP " + (int)httpResponse.StatusCode + ")", watch.Elapsed);
                            throw tooLarge;
                        }
                        watch.Stop();
                        var response = new ApiResponse((int)httpResponse.StatusCode, httpResponse.ReasonPhrase, CollectHeaders(httpResponse), body, watch.Elapsed, uri);
                        Report(request, message, attempt, response, null, watch.Elapsed);
                        ResponseObserver?.Invoke(response);
                        return response;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Report(request, message, attempt, null, "timed out", watch.Elapsed);
                    throw new ServiceException(Service, ErrorReason.Timeout,
                        $"No complete answer from {uri.Host} within {Options.AttemptTimeout.TotalSeconds:0.#} s", isTransient: true,
                        recommendedAction: "Check the service's status page and your network; raise the connection's timeout for slow links.");
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is ServiceException))
                {
                    var failure = TransportFailure(ex, uri);
                    Report(request, message, attempt, null, failure.Reason.ToString(), watch.Elapsed);
                    throw failure;
                }
            }
        }

        /// <summary>
        /// The call reached the server at the latest now minus the quickest round trip seen so far (all of
        /// the extra time may have passed before it arrived); the first call, with nothing to compare, counts
        /// as arriving now.
        /// </summary>
        void SettlePermit(ThrottlePermit permit)
        {
            var now = permit.NowTicks;
            var roundTrip = now - permit.SlotTicks;
            long fastest;
            lock (_jitter)
            {
                fastest = _fastestRoundTripTicks;
                if (roundTrip < _fastestRoundTripTicks) _fastestRoundTripTicks = roundTrip;
            }
            permit.Settle(fastest == long.MaxValue ? now : now - fastest);
        }

        async Task<ApiResponse.BodyBytes> ReadBodyAsync(HttpContent content, int status, CancellationToken cancellationToken)
        {
            var cap = Options.MaxResponseBytes;
            var declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > cap) throw TooLarge(status, $"declares {declared.Value:N0} bytes");
            // ReadAsStringAsync has no cancellation on netstandard2.0; read the stream so a stalled body honours the token.
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (cancellationToken.Register(() => stream.Dispose()))
            {
                byte[] bytes;
                try
                {
                    bytes = declared.HasValue
                        ? await ReadDeclaredAsync(stream, (int)declared.Value, cap, status, cancellationToken).ConfigureAwait(false)
                        : await ReadUndeclaredAsync(stream, cap, status, cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                var charset = content.Headers.ContentType?.CharSet;
                Encoding encoding = Encoding.UTF8;
                if (!string.IsNullOrEmpty(charset))
                {
                    try { encoding = Encoding.GetEncoding(charset.Trim('"')); } catch (ArgumentException) { }
                }
                // Kept as bytes: the JSON parsers read UTF-8 directly, and the text is decoded only if someone asks for it.
                return new ApiResponse.BodyBytes(new ArraySegment<byte>(bytes), encoding);
            }
        }

        /// <summary>The pooled blocks an undeclared body is gathered in: under the large-object size, so renting one never allocates on that heap.</summary>
        internal const int BodyBlockBytes = 64 * 1024;

        /// <summary>
        /// A body of declared length read straight into one array of that size: no buffer to grow (growing a MemoryStream
        /// from nothing copied a 1 MB page four times over, each copy a large-object allocation that brought on full
        /// collections). The length is only a hint: a body that goes on past it is still read, and counted against the cap.
        /// </summary>
        // Both readers hand back an array of the body's exact length, as a Task of a reference type: a Task of a struct
        // (ArraySegment) is generic code the runtime compiles on a session's first call.
        async Task<byte[]> ReadDeclaredAsync(Stream stream, int declared, long cap, int status, CancellationToken cancellationToken)
        {
            var buffer = new byte[declared];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                length += read;
            if (length < buffer.Length) return Prefix(buffer, length); // ended early: the parser judges what came
            var probe = new byte[1];
            if (await stream.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) == 0) return buffer;
            // More than it declared (a server or a decoder that got the length wrong): on as an undeclared body.
            var rest = await ReadUndeclaredAsync(stream, cap - length - 1, status, cancellationToken).ConfigureAwait(false);
            var whole = new byte[length + 1 + rest.Length];
            Buffer.BlockCopy(buffer, 0, whole, 0, length);
            whole[length] = probe[0];
            Buffer.BlockCopy(rest, 0, whole, length + 1, rest.Length);
            return whole;
        }

        /// <summary>The first <paramref name="length"/> bytes in an array of their own, so a short body does not hold the size it declared.</summary>
        static byte[] Prefix(byte[] buffer, int length)
        {
            var bytes = new byte[length];
            Buffer.BlockCopy(buffer, 0, bytes, 0, length);
            return bytes;
        }

        /// <summary>
        /// A body of unknown length, counted as it arrives (after decompression, so an endless or lying stream stops at the
        /// cap), gathered in pooled blocks and copied once into an array of its exact size. <paramref name="room"/>: what is
        /// left of the cap (all of it, or less what a declared length already read).
        /// </summary>
        async Task<byte[]> ReadUndeclaredAsync(Stream stream, long room, int status, CancellationToken cancellationToken)
        {
            var blocks = new List<byte[]>();
            long total = 0;
            try
            {
                while (true)
                {
                    var block = System.Buffers.ArrayPool<byte>.Shared.Rent(BodyBlockBytes);
                    blocks.Add(block);
                    var filled = 0;
                    int read;
                    while (filled < BodyBlockBytes && (read = await stream.ReadAsync(block, filled, BodyBlockBytes - filled, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        filled += read;
                        if (total + filled > room) throw TooLarge(status, $"sent more than {Options.MaxResponseBytes:N0} bytes");
                    }
                    total += filled;
                    if (filled < BodyBlockBytes) break;
                }
                var whole = new byte[total];
                long copied = 0;
                foreach (var block in blocks)
                {
                    var n = (int)Math.Min(BodyBlockBytes, total - copied);
                    Buffer.BlockCopy(block, 0, whole, (int)copied, n);
                    copied += n;
                }
                return whole;
            }
            finally
            {
                foreach (var block in blocks) System.Buffers.ArrayPool<byte>.Shared.Return(block);
            }
        }

        ServiceException TooLarge(int status, string what) =>
            new ServiceException(Service, ErrorReason.ResponseTooLarge,
                $"The answer {what}, more than the {Options.MaxResponseBytes / (1024 * 1024.0):0.#} MB the module reads", status,
                recommendedAction: "Check that the base URL points at the service's API (not a download or another server); narrow the request, e.g. a shorter date range.");

        HttpRequestMessage BuildMessage(ApiRequest request, Uri uri)
        {
            var message = new HttpRequestMessage(request.Method, uri);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            foreach (var h in request.Headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType != null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
            return message;
        }

        static IDictionary<string, string> CollectHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Headers) headers[h.Key] = string.Join(", ", h.Value);
            if (response.Content != null) foreach (var h in response.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
            return headers;
        }

        ServiceException TransportFailure(Exception ex, Uri uri)
        {
            var socket = FindInner<SocketException>(ex);
            var hostPort = uri.Host + ":" + uri.Port;
            if (FindInner<AuthenticationException>(ex) != null)
                return new ServiceException(Service, ErrorReason.Tls, $"The TLS handshake with {uri.Host} failed", inner: ex, notProcessed: true,
                    recommendedAction: "Check the system clock, a TLS-inspecting proxy, and that the base URL uses the service's real host name.");
            if (socket != null)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.HostNotFound:
                    case SocketError.TryAgain:
                    case SocketError.NoData:
                        return new ServiceException(Service, ErrorReason.DnsFailure, $"The host name {uri.Host} could not be resolved",
                            inner: ex, isTransient: true, notProcessed: true, recommendedAction: "Check the base URL for typos and the machine's DNS settings.");
                    case SocketError.ConnectionRefused:
                    case SocketError.NetworkUnreachable:
                    case SocketError.HostUnreachable:
                    case SocketError.AddressNotAvailable:
                        return new ServiceException(Service, ErrorReason.Network, $"Nothing answered at {hostPort} ({socket.SocketErrorCode})",
                            inner: ex, isTransient: true, notProcessed: true, recommendedAction: "Check the base URL, a firewall or proxy between this machine and the service.");
                }
            }
            return new ServiceException(Service, ErrorReason.Network, $"The connection to {hostPort} failed: {ex.GetBaseException().Message}",
                inner: ex, isTransient: true, recommendedAction: "Try again; check the network path to the service if it persists.");
        }

        static T FindInner<T>(Exception ex) where T : Exception
        {
            for (var e = ex; e != null; e = e.InnerException) if (e is T t) return t;
            return null;
        }

        void Report(ApiRequest request, HttpRequestMessage message, int attempt, ApiResponse response, string outcome, TimeSpan elapsed)
        {
            var observer = CallObserverScope.Current;
            if (observer == null) return;
            observer.OnHttpExchange(new HttpExchange
            {
                Service = Service,
                Method = request.Method.Method,
                StatusCode = response?.StatusCode,
                Outcome = outcome,
                Elapsed = elapsed,
                Attempt = attempt,
            }.Deferred(
                RedactLater(message.RequestUri.AbsoluteUri),
                // The message is disposed after the call: its headers are copied now, redacted when read.
                RedactLater(FormatHeaders(message.Headers, message.Content?.Headers)),
                request.Body == null ? (Func<string>)null : () => SecretRedactor.Redact(Truncate(Encoding.UTF8.GetString(request.Body))),
                response == null ? (Func<string>)(() => "") : () => SecretRedactor.Redact(string.Concat(response.Headers.Select(h => "  " + h.Key + ": " + h.Value + Environment.NewLine))),
                response == null ? (Func<string>)null : () => SecretRedactor.Redact(response.BodyForTrace(Options.TraceBodyLimit))));
        }

        static Func<string> RedactLater(string text) => () => SecretRedactor.Redact(text);

        string Truncate(string text) =>
            text.Length <= Options.TraceBodyLimit ? text : text.Substring(0, Options.TraceBodyLimit) + $"… ({text.Length} chars)";

        /// <summary>
        /// "  Name: value" lines. A plain loop: LINQ over the headers' key-value pairs (a value type) is generic code the
        /// runtime compiles on a session's first call, and every call is reported.
        /// </summary>
        static string FormatHeaders(HttpHeaders headers, HttpHeaders contentHeaders)
        {
            var text = new StringBuilder();
            foreach (var set in new[] { headers, contentHeaders })
            {
                if (set == null) continue;
                foreach (var h in set) text.Append("  ").Append(h.Key).Append(": ").Append(string.Join(", ", h.Value)).Append(Environment.NewLine);
            }
            return text.ToString();
        }

        void NoticeRetry(ApiRequest request, Exception failure, int retry, TimeSpan delay)
        {
            var observer = CallObserverScope.Current;
            if (observer == null) return;
            var se = failure as ServiceException;
            observer.OnRetry(new RetryNotice
            {
                Service = Service,
                Method = request.Method.Method,
                Url = SecretRedactor.Redact(new Uri(BaseUri, request.RelativeUri).AbsoluteUri),
                Attempt = retry + 1,
                MaxAttempts = Options.MaxAttempts,
                Delay = delay,
                DelayFromRetryAfter = se?.RetryAfter != null,
                Reason = se == null ? failure.GetType().Name : (se.HttpStatus.HasValue ? "HTTP " + se.HttpStatus.Value + " " : "") + se.Reason,
            });
        }

        bool ShouldRetry(Exception exception, ApiRequest request)
        {
            if (!(exception is ServiceException se) || !se.IsTransient) return false;
            if (se.RetryAfter.HasValue && se.RetryAfter.Value > Options.MaxRetryAfter) return false;
            // A call that changes state is retried only when the server certainly did not act on it.
            return request.IsIdempotent || se.NotProcessed;
        }

        TimeSpan DelayFor(Exception exception, int attemptNumber)
        {
            if (exception is ServiceException se && se.RetryAfter.HasValue) return se.RetryAfter.Value;
            var exponential = Options.BaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber);
            var capped = Math.Min(exponential, Options.MaxDelay.TotalMilliseconds);
            double factor;
            lock (_jitter) factor = 0.5 + _jitter.NextDouble() * 0.5; // "equal jitter": never less than half the step
            // Whole milliseconds: timers wait no finer, and .NET Framework's FromMilliseconds rounds so anyway.
            return TimeSpan.FromTicks((long)Math.Round(capped * factor) * TimeSpan.TicksPerMillisecond);
        }

        public void Dispose() => _http.Dispose();
    }
}
