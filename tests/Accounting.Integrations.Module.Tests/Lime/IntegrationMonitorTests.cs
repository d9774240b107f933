using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Diagnostics;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Lime;

[Collection("Module")]
public class IntegrationMonitorTests(ModuleSession session)
{
    // An on-premise server configured for bulk work, so the test does not wait at Lime Cloud's 10 a second.
    const string Connect = "Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey -RequestsPerFiveMinutes 60000\n";


    [Fact]
    public void Monitors_are_listed_by_key_and_a_wrong_key_is_told_apart()
    {
        session.Sandbox.Lime.RequestsPerFiveMinutes = 60000;
        var result = session.Run(Connect + "Test-LimeConnection; Get-IntegrationMonitor | ForEach-Object { $_.IntegrationKey + ':' + $_.AlertStatus }");
        result.ShouldSucceed();
        Assert.True((bool)Prop(result.Output[0], "Success"));
        Assert.Equal(new[] { "billecta:ok", "webshop:error", "erp:notcalculated" }, result.Output.Skip(1).Select(o => o.ToString()));
        var wrong = session.Run("Connect-Lime -BaseUrl $LimeUrl -ApiKey (Secure 'not-the-key') -PassThru | Test-LimeConnection");
        wrong.ShouldSucceed();
        Assert.Contains("API key", (string)Prop(Assert.Single(wrong.Output), "Cause"));
    }

    [Fact]
    public void Cleanup_deletes_exactly_the_logs_older_than_30_days_even_when_stopped_halfway_and_run_again()
    {
        var lime = session.Sandbox.Lime;
        lime.RequestsPerFiveMinutes = 60000;
        var cutoff = DateTimeOffset.Now.AddDays(-30);
        var billecta = lime.Monitors.Single(m => m.IntegrationKey == "billecta").Id;
        var expectedKept = lime.Logs.Where(l => l.MonitorId != billecta || l.Created >= cutoff.AddMinutes(1)).Select(l => l.Id).ToHashSet();
        var mustGo = lime.Logs.Where(l => l.MonitorId == billecta && l.Created < cutoff.AddMinutes(-1)).Select(l => l.Id).ToHashSet();
        // Logs within a minute of the cutoff may go either way: the test's clock and the cmdlet's differ by the run time.
        var boundary = lime.Logs.Count(l => l.MonitorId == billecta && l.Created >= cutoff.AddMinutes(-1) && l.Created < cutoff.AddMinutes(1));
        Assert.True(mustGo.Count > 100);

        // -WhatIf deletes nothing.
        var whatIf = session.Run(Connect + "Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey billecta -WhatIf");
        whatIf.ShouldSucceed();
        Assert.Empty(whatIf.Output);
        Assert.Contains("What if", whatIf.HostText);
        Assert.True(mustGo.All(id => lime.Logs.Any(l => l.Id == id)));

        // Stopped after some deletions...
        var before = lime.Deleted;
        var (shell, output, handle) = session.Start(Connect + "Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey billecta -Confirm:$false");
        using (shell)
        {
            var deadline = Stopwatch.StartNew();
            while (lime.Deleted - before < 50 && deadline.Elapsed < TimeSpan.FromSeconds(30) && !handle.IsCompleted) Thread.Sleep(10);
            shell.Stop();
        }
        var afterStop = lime.Logs.Select(l => l.Id).ToHashSet();
        Assert.True(mustGo.Any(afterStop.Contains), "the first run was stopped before it finished");

        // ...and run again: the same end state as one uninterrupted run.
        var again = session.Run(Connect + "Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey billecta -Confirm:$false");
        again.ShouldSucceed();
        var remaining = lime.Logs.Select(l => l.Id).ToHashSet();
        Assert.DoesNotContain(remaining, mustGo.Contains);
        Assert.True(expectedKept.IsSubsetOf(remaining), "no newer log and no other integration's log was deleted");
        var reported = again.Output.Sum(o => (int)Prop(o, "Deleted"));
        var leftByTheStoppedRun = mustGo.Count(afterStop.Contains);
        Assert.InRange(reported, leftByTheStoppedRun, leftByTheStoppedRun + boundary);
        Assert.All(again.Output, o => Assert.Equal("billecta", Prop(o, "IntegrationKey")));

        // Then every integration: nothing older than 30 days is left, nothing newer is gone.
        var newer = lime.Logs.Where(l => l.Created >= cutoff.AddMinutes(1)).Select(l => l.Id).ToHashSet();
        var all = session.Run(Connect + "Remove-IntegrationMonitorLog -OlderThan 30 -Confirm:$false");
        all.ShouldSucceed();
        Assert.DoesNotContain(lime.Logs, l => l.Created < cutoff.AddMinutes(-1));
        Assert.True(newer.IsSubsetOf(lime.Logs.Select(l => l.Id).ToHashSet()));
        Assert.Equal(new[] { "erp", "webshop" }, all.Output.Select(o => (string)Prop(o, "IntegrationKey")).Distinct().OrderBy(k => k));
    }

    [Fact]
    public void An_unknown_integration_key_is_refused_before_anything_is_deleted()
    {
        var before = session.Sandbox.Lime.Deleted;
        var result = session.Run(Connect + "Remove-IntegrationMonitorLog -OlderThan 30 -IntegrationKey bilecta -Confirm:$false");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("'bilecta'", error.Exception.Message);
        Assert.Equal(before, session.Sandbox.Lime.Deleted);
    }
}
