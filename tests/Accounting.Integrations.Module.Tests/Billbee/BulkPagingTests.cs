using System.Diagnostics;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class BulkPagingTests(ModuleSession session, ITestOutputHelper log)
{
    [Fact]
    public void Paging_over_every_order_with_the_throttle_on_gets_no_429_and_misses_nothing()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder | ForEach-Object BillbeeOrderId");
        result.ShouldSucceed();
        var ids = result.Output.Select(o => (long)o.BaseObject).ToList();
        List<long> expected;
        lock (session.Sandbox.Billbee.SyncRoot) expected = session.Sandbox.Billbee.Orders.Select(o => o.BillbeeOrderId).ToList();
        Assert.Equal(expected, ids);

        var calls = session.Sandbox.State.Log.Snapshot("billbee").Where(r => r.Path.EndsWith("/orders")).ToList();
        for (var i = 1; i < calls.Count; i++) log.WriteLine($"{calls[i].Sequence} {(calls[i].ReceivedAt - calls[i - 1].ReceivedAt).TotalMilliseconds:0} ms {calls[i].Status} {calls[i].Milliseconds:0}");
        Assert.DoesNotContain(calls, r => r.Status == 429);
        Assert.Empty(result.Warnings); // no retries were needed
        var span = (calls[^1].ReceivedAt - calls[0].ReceivedAt).TotalSeconds;
        var rate = (calls.Count - 1) / span;
        log.WriteLine($"{ids.Count} orders, {calls.Count} calls, {rate:0.000} calls/s = {rate / 2.0:P1} of Billbee's 2 calls/s per endpoint");
    }

    [Fact]
    public void Stop_ends_a_long_paging_run_promptly()
    {
        session.ResetSandbox();
        // 50 a page at 2 pages a second: a full run would take two minutes.
        var (shell, output, handle) = session.Start(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -PageSize 50");
        using (shell)
        {
            var firstArrived = new ManualResetEventSlim();
            output.DataAdded += (_, _) => firstArrived.Set();
            if (output.Count == 0) Assert.True(firstArrived.Wait(TimeSpan.FromSeconds(30)), "no order arrived");
            var watch = Stopwatch.StartNew();
            shell.Stop();
            watch.Stop();
            Assert.True(handle.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {watch.Elapsed}");
            Assert.True(output.Count < 12_000);
            log.WriteLine($"stopped after {output.Count} orders in {watch.ElapsedMilliseconds} ms");
        }
    }
}
