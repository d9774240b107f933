using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tests.Lime;

/// <summary>
/// GET admin/users/ as Lime's official client reads it (a bare array, lime-n8n-nodes-crm transport/users.ts) and as
/// HAL, paged either way, over 10 003 users; and a list that ignores _offset stops instead of asking again.
/// </summary>
public class LimeUserListTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    const int Extra = 10_000;

    LimeConnection Connect() => new(sandbox.Server.ServiceUri("lime"), Secret.FromPlainText(sandbox.Server.Lime.ApiKey), 60000);

    async Task<(IReadOnlyList<LimeUser> Users, int Calls)> ReadAsync(bool hal, bool ignoreOffset = false)
    {
        sandbox.Reset();
        var lime = sandbox.Server.Lime;
        (lime.ExtraUserCount, lime.UsersAsHal, lime.UsersIgnoreOffset) = (Extra, hal, ignoreOffset);
        try
        {
            using var connection = Connect();
            var users = await connection.Client.GetUsersAsync(CancellationToken.None);
            return (users, sandbox.Server.State.Log.Snapshot("lime").Count(r => r.Path.EndsWith("/admin/users/")));
        }
        finally
        {
            (lime.ExtraUserCount, lime.UsersAsHal, lime.UsersIgnoreOffset) = (0, false, false);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_user_is_read_once_whatever_the_shape(bool hal)
    {
        var (users, calls) = await ReadAsync(hal);
        var expected = sandbox.Server.Lime.Users.Count + Extra;
        Assert.Equal(expected, users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(expected, users.Count);
        Assert.Equal((expected + 199) / 200, calls); // 200 a page; the short last page ends the read
        Assert.Contains(users, u => u.Username == "billectawebhook@api" && u.UserType == "API");
    }

    [Fact]
    public async Task A_list_that_ignores_the_offset_stops_after_two_calls()
    {
        sandbox.Reset();
        var ex = await Assert.ThrowsAsync<ServiceException>(() => ReadAsync(hal: false, ignoreOffset: true));
        Assert.Equal("Lime.PagingStalled", ex.ErrorId);
        Assert.Equal(2, sandbox.Server.State.Log.Snapshot("lime").Count(r => r.Path.EndsWith("/admin/users/")));
    }
}
