using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tests.Lime;

public class LimeClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    LimeConnection Connect(string key = null) => new(sandbox.Server.ServiceUri("lime"), Secret.FromPlainText(key ?? sandbox.Server.Lime.ApiKey), 60000);

    [Fact]
    public async Task Limetype_properties_are_read()
    {
        using var connection = Connect();
        var properties = await connection.Client.GetLimetypePropertiesAsync("integration_monitor", CancellationToken.None);
        Assert.Contains(new KeyValuePair<string, string>("integration_key", "string"), properties);
    }

    [Fact]
    public async Task Logs_before_a_date_are_found_by_the_query_api_across_pages()
    {
        using var connection = Connect();
        var cutoff = DateTimeOffset.Now.AddDays(-10);
        var monitor = sandbox.Server.Lime.Monitors[1].Id;
        var ids = new List<int>();
        await foreach (var log in connection.Client.GetLogsBeforeAsync(monitor, cutoff, CancellationToken.None)) ids.Add(log.Id);
        var expected = sandbox.Server.Lime.Logs.Where(l => l.MonitorId == monitor && l.Created < cutoff).Select(l => l.Id);
        Assert.True(ids.Count > 500, "more than one page");
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task The_logs_of_several_monitors_are_read_at_once_a_page_of_each_in_turn()
    {
        using var connection = Connect();
        var cutoff = DateTimeOffset.Now.AddDays(-10);
        var monitors = sandbox.Server.Lime.Monitors.Select(m => m.Id).ToList();
        var read = new List<IntegrationMonitorLogEntry>();
        await foreach (var log in connection.Client.GetLogsBeforeAsync(monitors, cutoff, CancellationToken.None)) read.Add(log);
        foreach (var monitor in monitors)
            Assert.Equal(sandbox.Server.Lime.Logs.Where(l => l.MonitorId == monitor && l.Created < cutoff).Select(l => l.Id), read.Where(l => l.MonitorId == monitor).Select(l => l.Id));
        // The first page of every monitor comes before the second page of any.
        Assert.Equal(monitors, read.Take(1500).Select(l => l.MonitorId).Distinct());
        Assert.All(read.Take(500), l => Assert.Equal(monitors[0], l.MonitorId));
    }

    [Fact]
    public async Task A_wrong_key_is_a_404_whose_fix_names_the_key()
    {
        using var connection = Connect("wrong-key-123456");
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetIntegrationMonitorsAsync(CancellationToken.None));
        Assert.Equal(404, ex.HttpStatus);
        Assert.Contains("API key", ex.RecommendedAction);
    }
}
