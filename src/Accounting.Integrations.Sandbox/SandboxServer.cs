using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Billecta;
using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.IFirma;
using Accounting.Integrations.Sandbox.Lime;
using Accounting.Integrations.Sandbox.Tripletex;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Accounting.Integrations.Sandbox;

/// <summary>
/// The sandbox as an object: tests start it in-process on a free port and read its state directly;
/// the console entry point wraps the same thing.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    readonly WebApplication _app;

    SandboxServer(WebApplication app, SandboxState state, BillbeeSandbox billbee, TripletexSandbox tripletex, IFirmaSandbox ifirma, BillectaSandbox billecta, LimeSandbox lime)
    {
        Lime = lime;
        Billecta = billecta;
        IFirma = ifirma;
        _app = app;
        State = state;
        Billbee = billbee;
        Tripletex = tripletex;
    }

    public SandboxState State { get; }
    public BillbeeSandbox Billbee { get; }
    public TripletexSandbox Tripletex { get; }
    public IFirmaSandbox IFirma { get; }
    public BillectaSandbox Billecta { get; }
    public LimeSandbox Lime { get; }
    public Uri BaseUri { get; private set; } = null!;

    public Uri ServiceUri(string service) =>
        new(BaseUri, State.Services.First(s => s.Name.Equals(service, StringComparison.OrdinalIgnoreCase)).BasePath);

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var today = (options.Today ?? DateTime.UtcNow).Date;
        var billbee = new BillbeeSandbox(options.Billbee, options.Seed, today);
        var tripletex = new TripletexSandbox(options.Tripletex, options.Seed, today);
        var ifirma = new IFirmaSandbox(options.Seed, today, options.IFirmaInvoiceCount);
        var billecta = new BillectaSandbox(options.Seed, today, options.BillectaInvoiceCount, options.BillectaDebtorCount);
        var lime = new LimeSandbox(options.Seed, today, options.LimeLogCount);
        var services = new ISandboxService[] { billbee, tripletex, ifirma, billecta, lime };
        var state = new SandboxState(options, services) { ThrottleEnabled = options.Throttle };
        billbee.Attach(state);
        tripletex.Attach(state);
        ifirma.Attach(state);
        billecta.Attach(state);
        lime.Attach(state);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        var server = new SandboxServer(app, state, billbee, tripletex, ifirma, billecta, lime);
        app.UseMiddleware<SandboxMiddleware>();
        ControlEndpoints.Map(app, state, () => server.BaseUri.AbsoluteUri, () => new { billbee = billbee.DemoAccount(), tripletex = tripletex.DemoAccount(), ifirma = ifirma.DemoAccount(), billecta = billecta.DemoAccount(), lime = lime.DemoAccount() }, name => Scenarios.Apply(server, name));
        foreach (var service in services) service.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
        if (options.Scenario != null && !Scenarios.Apply(server, options.Scenario))
        {
            await server.DisposeAsync();
            throw new ArgumentException($"No scenario '{options.Scenario}'; the sandbox knows {string.Join(", ", Scenarios.Names)}.");
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
