using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Tests.Throttling;
using Accounting.Integrations.Core.Tracing;
using Microsoft.Extensions.Time.Testing;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>
/// The transport's retry delays on a fake clock (its retry loop waits on the connection's TimeProvider): each retry is
/// asserted to leave exactly when its delay ends, never a tick before, however busy the machine is.
/// </summary>
public class RetryScheduleTests
{
    static readonly TimeSpan Hang = TimeSpan.FromSeconds(30); // a guard against a hang, not a timing assertion

    /// <summary>Answers from a script and notes the fake-clock moment each request arrives.</summary>
    sealed class ScriptedHandler(FakeTimeProvider clock, params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        int _next;
        public ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();
        public SemaphoreSlim Arrived { get; } = new(0);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Arrivals.Enqueue(clock.GetUtcNow());
            var answer = answers[Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1)]();
            Arrived.Release();
            return Task.FromResult(answer);
        }
    }

    static HttpResponseMessage Status(int status, string retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(status == 200 ? "[]" : "{\"Message\":\"x\"}") };
        if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    static ApiTransport Transport(FakeTimeProvider clock, HttpMessageHandler handler, TransportOptions options = null)
    {
        var o = (options ?? new TransportOptions()).Clone();
        o.Clock = clock;
        return new ApiTransport("Billbee", new Uri("https://api.billbee.test/api/v1/"), o, null, new BillbeeErrorInterpreter(), handler: handler);
    }

    /// <summary>Moves the clock to one tick before <paramref name="delay"/> has passed, checks nothing was sent, then to the moment itself.</summary>
    static async Task ExpectNextRequestAfter(FakeTimeProvider clock, ScriptedHandler handler, TimeSpan delay)
    {
        var before = handler.Arrivals.Count;
        clock.Advance(delay - TimeSpan.FromTicks(1));
        await Task.Delay(50); // room for a wrong early send to show up
        Assert.Equal(before, handler.Arrivals.Count);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(await handler.Arrived.WaitAsync(Hang), "the retry was not sent when its delay ended");
    }

    [Fact]
    public async Task A_429_with_Retry_After_2_is_retried_exactly_two_seconds_later()
    {
        var clock = VirtualTime.NewClock();
        var handler = new ScriptedHandler(clock, () => Status(429, "2"), () => Status(200));
        using var transport = Transport(clock, handler);
        var observer = new RecordingObserver();
        Task<ApiResponse> call;
        using (CallObserverScope.Begin(observer)) call = transport.SendAsync(new ApiRequest(HttpMethod.Get, "shopaccounts"), CancellationToken.None);
        Assert.True(await handler.Arrived.WaitAsync(Hang));
        await ExpectNextRequestAfter(clock, handler, TimeSpan.FromSeconds(2));
        Assert.Equal(200, (await call.WaitAsync(Hang)).StatusCode);

        var arrivals = handler.Arrivals.ToArray();
        Assert.Equal(TimeSpan.FromSeconds(2), arrivals[1] - arrivals[0]);
        var retry = Assert.Single(observer.Retries);
        Assert.Equal(TimeSpan.FromSeconds(2), retry.Delay);
        Assert.True(retry.DelayFromRetryAfter);
    }

    [Fact]
    public async Task Backoff_without_Retry_After_doubles_with_equal_jitter_and_each_retry_leaves_when_its_delay_ends()
    {
        var clock = VirtualTime.NewClock();
        var handler = new ScriptedHandler(clock, () => Status(503), () => Status(503), () => Status(503), () => Status(200));
        using var transport = Transport(clock, handler, new TransportOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) });
        var observer = new RecordingObserver();
        Task<ApiResponse> call;
        using (CallObserverScope.Begin(observer)) call = transport.SendAsync(new ApiRequest(HttpMethod.Get, "shopaccounts"), CancellationToken.None);
        Assert.True(await handler.Arrived.WaitAsync(Hang));
        for (var retry = 0; retry < 3; retry++)
        {
            for (var waited = 0; observer.Retries.Count <= retry; waited += 5) // the retry is announced before its wait
            {
                Assert.True(waited < Hang.TotalMilliseconds, "no retry was announced");
                await Task.Delay(5);
            }
            var delay = observer.Retries.ElementAt(retry).Delay;
            // Step k waits base × 2^k capped at MaxDelay, times a factor in [0.5, 1]: 1 s, 2 s, then the 3 s cap.
            var step = Math.Min(Math.Pow(2, retry), 3);
            Assert.InRange(delay.TotalSeconds, step / 2, step);
            await ExpectNextRequestAfter(clock, handler, delay);
        }
        Assert.Equal(200, (await call.WaitAsync(Hang)).StatusCode);
        var arrivals = handler.Arrivals.ToArray();
        Assert.Equal(observer.Retries.Select(r => r.Delay), arrivals.Zip(arrivals.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task Cancellation_ends_a_call_during_its_retry_wait_without_the_clock_moving()
    {
        var clock = VirtualTime.NewClock();
        var handler = new ScriptedHandler(clock, () => Status(503));
        using var transport = Transport(clock, handler, new TransportOptions { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource();
        Task<ApiResponse> call;
        using (CallObserverScope.Begin(new CancellingObserver(cts))) call = transport.SendAsync(new ApiRequest(HttpMethod.Get, "shopaccounts"), cts.Token);
        // The virtual clock never moves: only cancellation can end the 15-30 s backoff.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Hang));
        Assert.Single(handler.Arrivals);
    }

    sealed class CancellingObserver(CancellationTokenSource cts) : ICallObserver
    {
        public void OnHttpExchange(HttpExchange exchange) { }
        public void OnRetry(RetryNotice notice) => cts.Cancel();
        public void OnPage(PageProgress progress) { }
    }
}
