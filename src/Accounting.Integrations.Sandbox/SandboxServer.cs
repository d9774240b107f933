using Accounting.Integrations.Sandbox.Frame;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Accounting.Integrations.Sandbox;

/// <summary>
/// The sandbox as an object: tests start it in-process on a free port and read its state directly;
/// the console entry point wraps the same thing. It holds the services of <see cref="SandboxServices"/>;
/// each service's folder adds its typed accessor (server.&lt;Service&gt;) to this partial class.
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    readonly WebApplication _app;

    SandboxServer(WebApplication app, SandboxState state)
    {
        _app = app;
        State = state;
    }

    public SandboxState State { get; }
    /// <summary>The registered service of that type (what each service's typed accessor returns).</summary>
    public T Service<T>() where T : ISandboxService => State.Services.OfType<T>().Single();
    public Uri BaseUri { get; private set; } = null!;
    /// <summary>Signalled when the sandbox is asked to stop (POST /_sandbox/stop) or its host stops.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;
    /// <summary>How long a stop waits for requests still in flight (a slow fault can hold one for seconds).</summary>
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1);

    public Uri ServiceUri(string service) =>
        new(BaseUri, State.Services.First(s => s.Name.Equals(service, StringComparison.OrdinalIgnoreCase)).BasePath);

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var today = (options.Today ?? DateTime.UtcNow).Date;
        var services = SandboxServices.All.Select(r => r.Create(options, today)).ToArray();
        var state = new SandboxState(options, services) { ThrottleEnabled = options.Throttle };
        foreach (var service in services) service.Attach(state);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        // No ConsoleLifetime: it would stop the server on SIGINT/SIGTERM behind our back. The console entry point
        // handles signals itself (a sandbox started by a shell ignores SIGINT); tests' in-process hosts need none.
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        var server = new SandboxServer(app, state);
        app.UseMiddleware<SandboxMiddleware>();
        ControlEndpoints.Map(app, state, () => server.BaseUri.AbsoluteUri, () => services.ToDictionary(s => s.Name, s => s.DemoAccount()), name => Scenarios.Apply(server, name));
        foreach (var service in services) service.Map(app);
        // Stop-IntegrationSandbox's way to stop it, on every platform (Windows has no SIGTERM to send).
        app.MapPost("/_sandbox/stop", (IHostApplicationLifetime lifetime) => { lifetime.StopApplication(); return Results.Accepted(); });
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

    sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout)) await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
