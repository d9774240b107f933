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
    public async Task A_wrong_key_is_a_404_whose_fix_names_the_key()
    {
        using var connection = Connect("wrong-key-123456");
        var ex = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetIntegrationMonitorsAsync(CancellationToken.None));
        Assert.Equal(404, ex.HttpStatus);
        Assert.Contains("API key", ex.RecommendedAction);
    }
}
