using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Tracing;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>Retries, timeouts and cancellation against the real sandbox over loopback HTTP.</summary>
public class TransportResilienceTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    static readonly TransportOptions Quick = new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task A_429_with_Retry_After_2_from_the_sandbox_is_retried_after_two_seconds_and_succeeds()
    {
        sandbox.Reset();
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Service = "billbee", PathContains = "enums/orderstates", Count = 1, RetryAfterSeconds = 2 });
        using var connection = sandbox.Billbee(Quick);
        var observer = new RecordingObserver();
        using (CallObserverScope.Begin(observer))
        {
            var states = await connection.Client.GetOrderStatesAsync(CancellationToken.None);
            Assert.Equal(16, states.Count(s => s.ListedByApi));
        }
        // That the retry leaves exactly 2 s later is asserted on a fake clock (RetryScheduleTests); here, the wire.
        var retry = Assert.Single(observer.Retries);
        Assert.Equal(TimeSpan.FromSeconds(2), retry.Delay);
        Assert.True(retry.DelayFromRetryAfter);
        var calls = sandbox.Server.State.Log.Snapshot("billbee").Where(r => r.Path.EndsWith("orderstates")).Select(r => r.Status).ToList();
        Assert.Equal(new[] { 429, 200 }, calls);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_cap_fails_at_once_and_says_when_to_retry()
    {
        sandbox.Reset();
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Service = "billbee", PathContains = "shopaccounts", Count = 1, RetryAfterSeconds = 3600 });
        using var connection = sandbox.Billbee(new TransportOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) });
        var ex = await Assert.ThrowsAsync<ServiceException>(async () => { await foreach (var _ in connection.Client.GetShopsAsync(CancellationToken.None)) { } });
        Assert.Equal(ErrorReason.RateLimited, ex.Reason);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Equal("Billbee.RateLimited", ex.ErrorId);
    }

    [Fact]
    public async Task A_POST_that_timed_out_is_not_sent_twice()
    {
        sandbox.Reset();
        var orderId = sandbox.Server.Billbee.Orders[5].BillbeeOrderId;
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Slow, Service = "billbee", Method = "POST", Count = 1, DelayMs = 2500 });
        using var connection = sandbox.Billbee(new TransportOptions { AttemptTimeout = TimeSpan.FromSeconds(1), BaseDelay = TimeSpan.FromMilliseconds(10) });
        var request = new ApiRequest(HttpMethod.Post, $"orders/{orderId}/tags").WithJsonBody("{\"Tags\":[\"timeout-probe\"]}");

        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(request, CancellationToken.None));

        Assert.Equal(ErrorReason.OutcomeUnknown, ex.Reason);
        Assert.Equal(ErrorReason.Timeout, Assert.IsType<ServiceException>(ex.InnerException).Reason);
        // The slow request still reaches the handler after the client gave up; wait for it, then count.
        await WaitUntil(() => sandbox.Server.State.Log.Snapshot("billbee").Any(r => r.Method == "POST"));
        Assert.Single(sandbox.Server.State.Log.Snapshot("billbee"), r => r.Method == "POST");
    }

    [Fact]
    public async Task A_GET_that_timed_out_is_retried()
    {
        sandbox.Reset();
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Slow, Service = "billbee", PathContains = "shopaccounts", Count = 1, DelayMs = 2500 });
        using var connection = sandbox.Billbee(new TransportOptions { AttemptTimeout = TimeSpan.FromSeconds(1), BaseDelay = TimeSpan.FromMilliseconds(10) });
        var shops = new List<string>();
        await foreach (var shop in connection.Client.GetShopsAsync(CancellationToken.None)) shops.Add(shop.Name);
        Assert.Equal(sandbox.Server.Billbee.Shops.Select(s => s.Name), shops);
    }

    [Theory]
    [InlineData(FaultKind.Status500)]
    [InlineData(FaultKind.Status503)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.Truncated)]
    [InlineData(FaultKind.Malformed)]
    public async Task A_read_survives_each_transient_fault(FaultKind kind)
    {
        sandbox.Reset();
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = kind, Service = "billbee", PathContains = "shopaccounts", Count = 2 });
        using var connection = sandbox.Billbee(Quick);
        var observer = new RecordingObserver();
        var shops = new List<long>();
        using (CallObserverScope.Begin(observer))
            await foreach (var shop in connection.Client.GetShopsAsync(CancellationToken.None)) shops.Add(shop.Id);
        Assert.Equal(sandbox.Server.Billbee.Shops.Select(s => s.Id), shops);
        Assert.Equal(2, observer.Retries.Count);
    }

    [Fact]
    public async Task A_write_is_not_retried_after_a_500()
    {
        sandbox.Reset();
        var order = sandbox.Server.Billbee.Orders[7];
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status500, Service = "billbee", Method = "POST", Count = 1 });
        using var connection = sandbox.Billbee(Quick);
        var request = new ApiRequest(HttpMethod.Post, $"orders/{order.BillbeeOrderId}/tags").WithJsonBody("{\"Tags\":[\"x\"]}");
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(request, CancellationToken.None));
        // The 500 leaves open whether the tags were added: said so, and not sent again.
        Assert.Equal(ErrorReason.OutcomeUnknown, ex.Reason);
        Assert.Equal(ErrorReason.ServerError, Assert.IsType<ServiceException>(ex.InnerException).Reason);
        Assert.False(ex.IsTransient);
        Assert.Single(sandbox.Server.State.Log.Snapshot("billbee"), r => r.Method == "POST");
    }

    [Fact]
    public async Task A_write_refused_with_429_is_retried_because_the_service_did_not_act()
    {
        sandbox.Reset();
        var order = sandbox.Server.Billbee.Orders[8];
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Service = "billbee", Method = "POST", Count = 1 });
        using var connection = sandbox.Billbee(Quick);
        var request = new ApiRequest(HttpMethod.Post, $"orders/{order.BillbeeOrderId}/tags").WithJsonBody("{\"Tags\":[\"after-429\"]}");
        await connection.Client.Transport.SendAsync(request, CancellationToken.None);
        Assert.Equal(new[] { 429, 200 }, sandbox.Server.State.Log.Snapshot("billbee").Where(r => r.Method == "POST").Select(r => r.Status));
        lock (sandbox.Server.Billbee.SyncRoot) Assert.Single(order.Tags, "after-429");
    }

    [Fact]
    public async Task Nothing_listening_gives_a_network_error_that_names_the_address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var connection = new Accounting.Integrations.Core.Billbee.BillbeeConnection(new Uri($"http://127.0.0.1:{port}/api/v1/"), "user",
            Accounting.Integrations.Core.Security.Secret.FromPlainText("password-123456"), Accounting.Integrations.Core.Security.Secret.FromPlainText("key-123456"), new TransportOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) });
        var result = await connection.Client.TestConnectionAsync(CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal("Billbee.Network", result.ErrorId);
        Assert.Contains($"127.0.0.1:{port}", result.Cause);
        Assert.Contains("base URL", result.Fix);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("The sandbox never logged the request.");
            await Task.Delay(20);
        }
    }
}
