using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

SandboxOptions options;
try
{
    options = SandboxOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using var server = await SandboxServer.StartAsync(options);
Console.WriteLine($"Sandbox listening on {server.BaseUri} (seed {options.Seed}, throttle {(options.Throttle ? "on" : "off")})");
foreach (var service in server.State.Services)
    Console.WriteLine($"  {service.Name,-10} {server.ServiceUri(service.Name)}");
Console.WriteLine($"  {"billecta",-10} {new Uri(server.BaseUri, server.Billecta.TestBasePath)} (test environment, its own login)");
Console.WriteLine($"  control    {server.BaseUri}_sandbox/info  (demo accounts: {server.BaseUri}_sandbox/accounts)");
Console.WriteLine("Press Ctrl+C to stop.");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
