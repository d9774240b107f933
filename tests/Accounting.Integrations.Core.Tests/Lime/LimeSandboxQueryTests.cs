using System.Net;
using System.Net.Http;
using System.Text.Json;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Core.Tests.Lime;

/// <summary>
/// The Lime sandbox's query API with a filter it cannot read. lime.md does not say what Lime answers then: the sandbox
/// answers 400 with a message (ASSUMPTION, the more plausible), whatever the filter's fault and whether or not any log
/// would be looked at; a good filter still reads.
/// </summary>
public class LimeSandboxQueryTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    static string Query(string filter) =>
        "{\"limetype\":\"integration_monitor_log\",\"filter\":" + filter + ",\"limit\":500,\"offset\":0}";

    static async Task<(HttpStatusCode Status, string Body)> GetAsync(SandboxServer server, string q)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.ServiceUri("lime"), "query/?q=" + Uri.EscapeDataString(q)));
        request.Headers.Add("x-api-key", server.Lime.ApiKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"key\":\"no_such_field\",\"op\":\"=\",\"exp\":1}", "no_such_field")]
    [InlineData("{\"key\":\"_id\",\"exp\":1}", "op")]                                  // no operator
    [InlineData("{\"op\":\"=\",\"exp\":1}", "key")]                                    // no key
    [InlineData("{\"key\":\"_id\",\"op\":\"=\",\"exp\":\"five\"}", "_id")]             // a text where an id goes
    [InlineData("{\"key\":\"_createdtime\",\"op\":\"<\",\"exp\":\"not a date\"}", "_createdtime")]
    [InlineData("{\"op\":\"AND\",\"exp\":5}", "exp")]                                   // AND of no list
    [InlineData("[1,2]", "filter")]
    public async Task A_filter_it_cannot_read_is_a_400_with_a_message_not_a_500(string filter, string named)
    {
        // ASSUMPTION (lime.md is silent on a bad filter): 400 with a message naming what is wrong.
        var (status, body) = await GetAsync(sandbox.Server, Query(filter));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Contains(named, doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_even_when_there_are_no_logs_to_look_at()
    {
        // ASSUMPTION: the filter is read once per query, before any row; so a sandbox without logs refuses it too.
        await using var empty = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42, LimeLogCount = 0 });
        Assert.Empty(empty.Lime.Logs);
        var (status, _) = await GetAsync(empty, Query("{\"key\":\"no_such_field\",\"op\":\"=\",\"exp\":1}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (good, body) = await GetAsync(empty, Query("{\"key\":\"_id\",\"op\":\">\",\"exp\":0}"));
        Assert.Equal(HttpStatusCode.OK, good);
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("objects").GetArrayLength());
    }

    [Fact]
    public async Task A_good_filter_reads_the_logs_it_names()
    {
        var monitor = sandbox.Server.Lime.Monitors[0].Id;
        var first = sandbox.Server.Lime.Logs.Where(l => l.MonitorId == monitor).Select(l => l.Id).OrderBy(i => i).Take(3).ToList();
        var (status, body) = await GetAsync(sandbox.Server, Query(
            "{\"op\":\"AND\",\"exp\":[{\"key\":\"integration_monitor\",\"op\":\"=\",\"exp\":" + monitor + "},{\"key\":\"_id\",\"op\":\"<=\",\"exp\":" + first[2] + "},"
            + "{\"key\":\"_createdtime\",\"op\":\"<\",\"exp\":\"2999-01-01T00:00:00+00:00\"}]}"));
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = JsonDocument.Parse(body).RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("_id").GetInt32()).ToList();
        Assert.Equal(first, ids);
    }
}
