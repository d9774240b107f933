using System.Diagnostics;
using System.Runtime.InteropServices;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

// --parent-pid N: the process that started this one (Start-IntegrationSandbox passes its own); when it ends,
// so does the sandbox, so a closed shell never leaves a sandbox behind.
var rest = new List<string>(args);
int? parentPid = null;
var parentAt = rest.IndexOf("--parent-pid");
if (parentAt >= 0)
{
    if (parentAt + 1 >= rest.Count || !int.TryParse(rest[parentAt + 1], out var pid))
    {
        Console.Error.WriteLine("--parent-pid needs a process id.");
        return 2;
    }
    parentPid = pid;
    rest.RemoveRange(parentAt, 2);
}

SandboxOptions options;
try
{
    options = SandboxOptions.Parse(rest.ToArray());
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

SandboxServer server;
try
{
    server = await SandboxServer.StartAsync(options);
}
catch (Exception ex) when (ex is ArgumentException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (server)
{
    // Our own handlers for SIGINT and SIGTERM, in place before the first line announces the sandbox (a signal sent
    // right after it must find them): cancelling the default termination and then stopping the server
    // ourselves is what makes `kill <pid>`, systemd stop and Ctrl+C all end the process within the stop timeout.
    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void Stop(PosixSignalContext context) { context.Cancel = true; stop.TrySetResult(); }
    // Started by a shell (Start-IntegrationSandbox), the sandbox shares that shell's terminal: a Ctrl+C there is
    // meant for the shell's running command, not for the sandbox, which ends with the shell or Stop-IntegrationSandbox.
    void Interrupt(PosixSignalContext context)
    {
        if (parentPid == null) { Stop(context); return; }
        context.Cancel = true;
        Console.WriteLine($"SIGINT ignored: started by process {parentPid}, whose Ctrl+C is for its own command.");
    }
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
    // Start-IntegrationSandbox reads this first line for the address: keep its shape.
    Console.WriteLine($"Sandbox listening on {server.BaseUri} (seed {options.Seed}, throttle {(options.Throttle ? "on" : "off")}, pid {Environment.ProcessId})");
    foreach (var service in server.State.Services)
        Console.WriteLine($"  {service.Name,-10} {server.ServiceUri(service.Name)}");
    foreach (var line in server.State.Services.SelectMany(s => s.OtherAddresses(server.BaseUri)))
        Console.WriteLine("  " + line);
    Console.WriteLine($"  control    {server.BaseUri}_sandbox/info  (demo accounts: {server.BaseUri}_sandbox/accounts)");
    Console.WriteLine("Press Ctrl+C to stop (or send SIGTERM, or POST /_sandbox/stop).");

    server.Stopping.Register(() => stop.TrySetResult());
    if (parentPid is int parent) _ = WatchParentAsync(parent, stop);
    await stop.Task;
}
return 0;

static async Task WatchParentAsync(int pid, TaskCompletionSource stop)
{
    try
    {
        using var parent = Process.GetProcessById(pid);
        await parent.WaitForExitAsync();
    }
    catch (ArgumentException) { } // already gone
    catch (InvalidOperationException) { }
    stop.TrySetResult();
}
