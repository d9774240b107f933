using System.Net.Http;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Tests.Shared;
using Xunit.Abstractions;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>Issue 15 item 8: every body is read up to a cap; a larger one is a clear error, not retried, with memory bounded.</summary>
public class BodyCapTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(HostileServer.Behaviour.HugeDeclared)]
    [InlineData(HostileServer.Behaviour.Endless)]
    public async Task A_huge_or_endless_body_ends_in_one_clear_error_and_bounded_memory(HostileServer.Behaviour behaviour)
    {
        using var server = new HostileServer { Mode = behaviour };
        using var connection = new BillbeeConnection(server.BaseUri, "u@x.de", Secret.FromPlainText("cap-pw-123"), Secret.FromPlainText("cap-key-123"),
            new TransportOptions { AttemptTimeout = TimeSpan.FromSeconds(60), BaseDelay = TimeSpan.FromMilliseconds(1) }, throttle: false);
        var before = GC.GetTotalAllocatedBytes(true);

        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetOrderStatesAsync(CancellationToken.None));

        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        log.WriteLine($"{behaviour}: {ex.ErrorId} after {server.Requests.Count} request(s), {server.BytesStreamed / 1048576.0:0.0} MB streamed, {allocated / 1048576.0:0.0} MB allocated: {ex.Message}");
        Assert.Equal(ErrorReason.ResponseTooLarge, ex.Reason);
        Assert.False(ex.IsTransient);
        Assert.Single(server.Requests);
        Assert.Contains("MB", ex.Message);
        Assert.True(allocated < 300L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_cap_is_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportOptions { MaxResponseBytes = 0 }.Validate());
    }
}
