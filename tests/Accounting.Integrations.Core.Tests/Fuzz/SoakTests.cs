using Accounting.Integrations.Bench;
using Xunit.Abstractions;

namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>The bench's fault-injection soak with small counts: 2 runs per service at 10 % faults of every kind.</summary>
[Collection(CpuHeavyCollection.Name)]
public class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bulk_reads_under_10_percent_faults_lose_nothing_repeat_nothing_and_throw_nothing_unhandled()
    {
        var results = await Soak.RunAsync(runs: 2, faultRate: 0.10, log: output.WriteLine);
        Assert.Equal(new[] { "Billbee", "Tripletex", "iFirma", "Billecta", "Lime" }, results.Select(r => r.Service));
        Assert.All(results, r =>
        {
            Assert.True(r.Records > 0, r.Service);
            Assert.True(r.Lost == 0 && r.Duplicated == 0 && r.FailedRuns == 0 && r.Unhandled == 0, $"{r}");
        });
    }
}
