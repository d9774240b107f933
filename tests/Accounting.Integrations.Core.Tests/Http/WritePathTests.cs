using System.Net.Http;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Sandbox.Frame;
using Xunit.Abstractions;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>
/// Issue 15 items 3 and 4: one write path. A change is sent once unless the service certainly did not act; when the
/// outcome is open the error says so and how to check. Counted in the sandbox's request log, faults injected there.
/// </summary>
public class WritePathTests(SandboxFixture sandbox, ITestOutputHelper log) : IClassFixture<SandboxFixture>
{
    static readonly TransportOptions Quick = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    int Puts() => Settled().Count(r => r.Method == "PUT");

    /// <summary>The log once every request that reached the sandbox is in it (an aborted one is logged after the client saw the reset).</summary>
    IReadOnlyList<LoggedRequest> Settled()
    {
        SpinWait.SpinUntil(() => sandbox.Server.State.InFlight == 0, TimeSpan.FromSeconds(30));
        return sandbox.Server.State.Log.Snapshot("billbee");
    }

    [Theory]
    [InlineData(FaultKind.Status500)]
    [InlineData(FaultKind.Status503)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.Truncated)]
    [InlineData(FaultKind.Malformed)]
    public async Task A_state_change_with_a_lost_or_failed_answer_is_sent_exactly_once_and_says_it_may_have_been_applied(FaultKind fault)
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(Quick);
        var order = sandbox.Server.Billbee.Orders[7];
        // Warm the connection pool first: a reset on a reused connection is where HTTP stacks replay on their own.
        await connection.Client.GetOrderAsync(order.BillbeeOrderId, CancellationToken.None);
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = fault, Service = "billbee", Method = "PUT", Count = 10 });

        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.SetOrderStateAsync(order.BillbeeOrderId, order.State == 4 ? 7 : 4, CancellationToken.None));

        log.WriteLine($"{fault}: {Puts()} PUT(s); {ex.ErrorId}: {ex.Message}");
        Assert.Equal(1, Puts());
        Assert.Equal(ErrorReason.OutcomeUnknown, ex.Reason);
        Assert.Equal("Billbee.OutcomeUnknown", ex.ErrorId);
        Assert.False(ex.IsTransient);
        Assert.Contains("may have been applied", ex.Message);
        Assert.Contains($"Get-BillbeeOrder -Id {order.BillbeeOrderId}", ex.Message);
    }

    [Fact]
    public async Task A_state_change_refused_with_429_was_not_processed_and_is_sent_again()
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(Quick);
        var order = sandbox.Server.Billbee.Orders[8];
        var target = order.State == 4 ? 7 : 4;
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status429, Service = "billbee", Method = "PUT", Count = 1, RetryAfterSeconds = 0 });
        await connection.Client.SetOrderStateAsync(order.BillbeeOrderId, target, CancellationToken.None);
        Assert.Equal(2, Puts());
        Assert.Equal(target, (await connection.Client.GetOrderAsync(order.BillbeeOrderId, CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_refusal_of_a_write_is_a_definite_answer_not_an_open_outcome()
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(Quick);
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.SetOrderStateAsync(1, 4, CancellationToken.None));
        Assert.NotEqual(ErrorReason.OutcomeUnknown, ex.Reason);
        Assert.Equal(1, Puts());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Every_writing_method_is_sent_once_under_a_500_unless_marked_idempotent(string method)
    {
        sandbox.Reset();
        using var connection = sandbox.Billbee(Quick);
        sandbox.Server.State.Faults.Add(new FaultRule { Kind = FaultKind.Status500, Service = "billbee", Method = method, Count = 10 });
        var once = new ApiRequest(new HttpMethod(method), "orders/5/tags").WithJsonBody("{}");
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(once, CancellationToken.None));
        Assert.Equal(ErrorReason.OutcomeUnknown, ex.Reason);
        Assert.Equal(1, Settled().Count(r => r.Method == method));

        sandbox.Server.State.Log.Clear();
        var idempotent = new ApiRequest(new HttpMethod(method), "orders/5/tags") { Idempotent = true }.WithJsonBody("{}");
        await Assert.ThrowsAsync<ServiceException>(() => connection.Client.Transport.SendAsync(idempotent, CancellationToken.None));
        Assert.Equal(Quick.MaxAttempts, Settled().Count(r => r.Method == method));
    }
}
