using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Core.Tests;

/// <summary>A sandbox on a free loopback port for one test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; }

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42 });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Uri BillbeeUri => Server.ServiceUri("billbee");

    public BillbeeConnection Billbee(TransportOptions options = null, bool throttle = true, string password = null, string apiKey = null, string user = null) =>
        new(BillbeeUri, user ?? Server.Billbee.Admin.Username, Secret.FromPlainText(password ?? Server.Billbee.Admin.ApiPassword),
            Secret.FromPlainText(apiKey ?? Server.Billbee.ApiKey), options, throttle);

    public void Reset()
    {
        Server.State.Faults.Clear();
        Server.State.Log.Clear();
    }
}
