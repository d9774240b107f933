using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Onboarding;

[Collection("Module")]
public class CheckpointTests(ModuleSession session)
{
    [Fact]
    public void A_read_stopped_at_20_random_points_and_then_completed_emits_every_order_exactly_once()
    {
        using var config = new TemporaryConfigFolder("ai-checkpoint-");
        var folder = config.Path;
        var billbee = session.Sandbox.Billbee;
        HashSet<long> expected;
        lock (billbee.SyncRoot) expected = billbee.Orders.Select(o => o.BillbeeOrderId).ToHashSet();
        session.Sandbox.State.ThrottleEnabled = false; // the limiter is measured elsewhere; this is about positions
        try
        {
            // The orders are collected as Get-BillbeeOrder writes them: exactly-once holds at the cmdlet's output. (A
            // downstream command interrupted halfway through a record gets that record again next run: see the help.)
            const string Read = "Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -NoRateLimit\n" +
                                "Get-BillbeeOrder -Checkpoint nightly";
            static long Id(System.Management.Automation.PSObject o) => (long)o.Properties["BillbeeOrderId"].Value;
            var emitted = new List<long>();
            var random = new Random(20261123);
            var stops = 0;
            for (var run = 0; run < 20; run++)
            {
                var target = emitted.Count + random.Next(1, 2 * expected.Count / 21);
                var (shell, output, handle) = session.Start(Read);
                using (shell)
                using (var reached = new ManualResetEventSlim())
                {
                    output.DataAdded += (_, _) => { if (emitted.Count + output.Count >= target) reached.Set(); };
                    // Wait for the target count, or for the run to end by itself.
                    WaitHandle.WaitAny(new[] { reached.WaitHandle, handle.AsyncWaitHandle }, TimeSpan.FromSeconds(60));
                    if (!handle.IsCompleted) { shell.Stop(); stops++; }
                    emitted.AddRange(output.Select(Id));
                }
            }
            Assert.Equal(20, stops);
            Assert.True(emitted.Count < expected.Count, "the 20 stopped runs did not read everything");
            var last = session.Run(Read);
            last.ShouldSucceed();
            emitted.AddRange(last.Output.Select(Id));

            Assert.Equal(emitted.Count, emitted.Distinct().Count()); // no order twice
            Assert.True(expected.SetEquals(emitted), $"missing {expected.Except(emitted).Count()}, unexpected {emitted.Except(expected).Count()}");

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
        foreach (var f in new[] { old, fresh, oldLog }) File.WriteAllText(f, "{}");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-40));
        File.SetLastWriteTimeUtc(oldLog, DateTime.UtcNow.AddDays(-400));
        File.WriteAllText(Path.Combine(folder, "profiles.yaml"), "schemaVersion: 1\n");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "profiles.yaml"), DateTime.UtcNow.AddDays(-400));

        var result = session.Run("Clear-IntegrationState -OlderThan 30 -Confirm:$false | ForEach-Object { $_.Kind + ':' + $_.Name }");
        result.ShouldSucceed();
        Assert.Equal(new[] { "Checkpoint:old", "Log:onboarding-x-20250101T000000Z.json" }, result.Output.Select(o => o.ToString()));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(Path.Combine(folder, "profiles.yaml")));
        Assert.Contains("-OlderThan", session.Run("Clear-IntegrationState -OlderThan 0").SingleError().Exception.Message);
    }
}
