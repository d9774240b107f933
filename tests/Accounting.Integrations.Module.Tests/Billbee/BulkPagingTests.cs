using System.Diagnostics;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class BulkPagingTests(ModuleSession session, ITestOutputHelper log)
{
    [Fact]
    public void WhatIf_over_every_order_pages_at_the_limit_with_no_429_and_changes_nothing()
    {
        session.ResetSandbox();
        var before = States();

        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder | Set-BillbeeOrderState -State Shipped -WhatIf");

        result.ShouldSucceed();
        Assert.Equal(before, States());
        Assert.DoesNotContain(session.Sandbox.State.Log.Snapshot("billbee"), r => r.Method == "PUT");
        // Every order reached Set-BillbeeOrderState once: the What-if lines name each id.
        var ids = System.Text.RegularExpressions.Regex.Matches(result.HostText, @"What if: .* on target ""Billbee order (\d+)""")
            .Select(m => long.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(before.Keys.OrderBy(i => i), ids);

        var calls = session.Sandbox.State.Log.Snapshot("billbee").Where(r => r.Path.EndsWith("/orders")).ToList();
        Assert.DoesNotContain(calls, r => r.Status == 429);
        Assert.Empty(result.Warnings); // no retries were needed
        var span = (calls[^1].ReceivedAt - calls[0].ReceivedAt).TotalSeconds;
        var rate = (calls.Count - 1) / span;
        log.WriteLine($"{ids.Count} orders, {calls.Count} calls in {span:0.0} s: {rate:0.000} calls/s = {rate / 2.0:P1} of Billbee's 2 calls/s per endpoint");
    }

    Dictionary<long, int> States()
    {
        lock (session.Sandbox.Billbee.SyncRoot) return session.Sandbox.Billbee.Orders.ToDictionary(o => o.BillbeeOrderId, o => o.State);
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
