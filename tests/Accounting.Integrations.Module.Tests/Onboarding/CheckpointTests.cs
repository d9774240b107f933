using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Onboarding;

[Collection("Module")]
public class CheckpointTests(ModuleSession session)
{
    [Fact]
    public void Stopped_runs_commit_nothing_and_completed_batches_deliver_every_order_exactly_once()
    {
        using var config = new TemporaryConfigFolder("ai-checkpoint-");
        var folder = config.Path;
        var billbee = session.Sandbox.Billbee;
        HashSet<long> expected;
        lock (billbee.SyncRoot) expected = billbee.Orders.Select(o => o.BillbeeOrderId).ToHashSet();
        session.Sandbox.State.ThrottleEnabled = false; // the limiter is measured elsewhere; this is about positions
        try
        {
            // At-least-once: the checkpoint commits when the pipeline has completed, never on a stop (a downstream
            // command may still hold the orders it got). So a stopped run repeats; a completed batch does not.
            const string Connect = "Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -NoRateLimit\n";
            const string Read = Connect + "Get-BillbeeOrder -Checkpoint nightly";
            const string Batch = Connect + "Get-BillbeeOrder -Checkpoint nightly -First 500";
            static long Id(System.Management.Automation.PSObject o) => (long)o.Properties["BillbeeOrderId"].Value;
            var completed = new List<long>();
            var stopped = new List<long>();
            var random = new Random(20261123);
            var stops = 0;
            for (var run = 0; run < 20; run++)
            {
                var target = random.Next(1, 1500);
                var (shell, output, handle) = session.Start(Read);
                using (shell)
                using (var reached = new ManualResetEventSlim())
                {
                    output.DataAdded += (_, _) => { if (output.Count >= target) reached.Set(); };
                    WaitHandle.WaitAny(new[] { reached.WaitHandle, handle.AsyncWaitHandle }, TimeSpan.FromSeconds(60));
                    if (!handle.IsCompleted) { shell.Stop(); stops++; }
                    var got = output.Select(Id).ToList();
                    // It started where the last completed run ended: earlier stopped runs committed nothing.
                    var committed = completed.DefaultIfEmpty(0).Max();
                    if (got.Count > 0) Assert.Equal(expected.Where(i => i > committed).Min(), got[0]);
                    stopped.AddRange(got);
                }
                if (run % 2 == 1)
                {
                    var batch = session.Run(Batch);
                    batch.ShouldSucceed();
                    completed.AddRange(batch.Output.Select(Id));
                }
            }
            Assert.Equal(20, stops);
            var last = session.Run(Read);
            last.ShouldSucceed();
            completed.AddRange(last.Output.Select(Id));

            Assert.Equal(completed.Count, completed.Distinct().Count()); // completed runs: no order twice
            Assert.True(expected.SetEquals(completed), $"missing {expected.Except(completed).Count()}, unexpected {completed.Except(expected).Count()}");
            Assert.Empty(stopped.Except(completed)); // everything a stopped run delivered came again

            // Completed: the next run has nothing new; the checkpoint holds no secret.
            var again = session.Run(Read);
            again.ShouldSucceed();
            Assert.Empty(again.Output);
            var file = File.ReadAllText(Path.Combine(folder, "checkpoints", "nightly.json"));
            Assert.Contains($"\"position\": \"{expected.Max()}\"", file);
            Assert.DoesNotContain(billbee.Admin.ApiPassword, file);

            // A different query under the same name is refused; Clear-IntegrationState removes it by name.
            var other = session.Run("Get-BillbeeOrder -Checkpoint nightly -State Paid -Connection (Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -PassThru)");
            Assert.Contains("belongs to Get-BillbeeOrder", other.SingleError().Exception.Message);
            var whatIf = session.Run("Clear-IntegrationState -Checkpoint nightly -WhatIf");
            Assert.Empty(whatIf.Output);
            Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "nightly.json")));
            var cleared = session.Run("Clear-IntegrationState -Checkpoint nightly -Confirm:$false | ForEach-Object { $_.Kind + ':' + $_.Name }");
            Assert.Equal("Checkpoint:nightly", cleared.Output.Single().ToString());
            Assert.False(File.Exists(Path.Combine(folder, "checkpoints", "nightly.json")));
        }
        finally
        {
            session.Sandbox.State.ThrottleEnabled = true;
        }
    }

    [Fact]
    public void Clear_removes_state_older_than_the_retention_and_keeps_the_rest()
    {
        using var config = new TemporaryConfigFolder("ai-state-");
        var folder = config.Path;
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var old = Path.Combine(folder, "checkpoints", "old.json");
        var fresh = Path.Combine(folder, "checkpoints", "fresh.json");
        var oldLog = Path.Combine(folder, "logs", "onboarding-x-20250101T000000Z.json");
        Directory.CreateDirectory(Path.Combine(folder, "throttle"));
        var oldBudget = Path.Combine(folder, "throttle", "0a1b2c.budget");
        var usedBudget = Path.Combine(folder, "throttle", "3d4e5f.budget");
        foreach (var f in new[] { old, fresh, oldLog, oldBudget, usedBudget }) File.WriteAllText(f, "{}");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-40));
        File.SetLastWriteTimeUtc(oldBudget, DateTime.UtcNow.AddDays(-31));
        File.SetLastWriteTimeUtc(oldLog, DateTime.UtcNow.AddDays(-400));
        File.WriteAllText(Path.Combine(folder, "profiles.yaml"), "schemaVersion: 1\n");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "profiles.yaml"), DateTime.UtcNow.AddDays(-400));

        var result = session.Run("Clear-IntegrationState -OlderThan 30 -Confirm:$false | ForEach-Object { $_.Kind + ':' + $_.Name }");
        result.ShouldSucceed();
        Assert.Equal(new[] { "Checkpoint:old", "Log:onboarding-x-20250101T000000Z.json", "RateBudget:0a1b2c" }, result.Output.Select(o => o.ToString()));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(usedBudget));
        Assert.True(File.Exists(Path.Combine(folder, "profiles.yaml")));
        Assert.Contains("-OlderThan", session.Run("Clear-IntegrationState -OlderThan 0").SingleError().Exception.Message);
    }
}
