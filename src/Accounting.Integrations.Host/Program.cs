using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Accounting.Integrations.Host;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

// Usage: Accounting.Integrations.Host [--sandbox [sandbox options]] [-NonInteractive] (-File script.ps1 [args] | -Command text)
// Exit codes: 0 success, 1 the script wrote errors, 2 bad usage, 3 a terminating error.
string? file = null, command = null;
var scriptArgs = new List<string>();
var sandboxArgs = new List<string>();
bool sandbox = false, nonInteractive = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sandbox": sandbox = true; break;
        case "-NonInteractive": case "--non-interactive": nonInteractive = true; break;
        case "-File": case "--file":
            file = args[++i];
            scriptArgs.AddRange(args.Skip(i + 1));
            i = args.Length;
            break;
        case "-Command": case "--command":
            command = string.Join(' ', args.Skip(i + 1));
            i = args.Length;
            break;
        default:
            if (sandbox && args[i].StartsWith("--")) { sandboxArgs.Add(args[i]); if (i + 1 < args.Length && !args[i + 1].StartsWith('-')) sandboxArgs.Add(args[++i]); }
            else { Console.Error.WriteLine($"Unknown option {args[i]}. Use -File script.ps1 or -Command text, optionally after --sandbox."); return 2; }
            break;
    }
}
if (file == null && command == null)
{
    Console.Error.WriteLine("Nothing to run: pass -File script.ps1 [args] or -Command text.");
    return 2;
}

SandboxServer? server = null;
if (sandbox)
{
    server = await SandboxServer.StartAsync(SandboxOptions.Parse(sandboxArgs.ToArray()));
    Console.WriteLine($"Sandbox started at {server.BaseUri} (it stops when this host exits).");
}

try
{
    var host = new ConsoleHost(nonInteractive);
    var state = InitialSessionState.CreateDefault2();
    if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
    using var runspace = RunspaceFactory.CreateRunspace(host, state);
    runspace.Open();
    if (server != null) runspace.SessionStateProxy.SetVariable("Sandbox", SandboxVariable.For(server));

    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    if (file != null)
    {
        var cmd = new Command(Path.GetFullPath(file), isScript: false);
        foreach (var a in scriptArgs) cmd.Parameters.Add(null, a);
        ps.Commands.AddCommand(cmd);
    }
    else ps.AddScript(command!);
    ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
    // Errors are merged into the output so they print in order; this step counts those that reached it (not the
    // ones a script silenced), since PowerShell's HadErrors does not see merged errors.
    ps.AddScript("process { if ($_ -is [System.Management.Automation.ErrorRecord]) { $global:AccountingIntegrationsHostErrors++ }; $_ }");
    ps.AddCommand("Out-Default");

    Console.CancelKeyPress += (_, e) => { e.Cancel = true; ps.BeginStop(null, null); };
    const int NoExit = int.MinValue;
    runspace.SessionStateProxy.SetVariable("LASTEXITCODE", NoExit); // changed only by the script's `exit N` (or a native command)
    runspace.SessionStateProxy.SetVariable("AccountingIntegrationsHostErrors", 0); // set again only by the script's `exit N` (or a native command)
    try
    {
        ps.Invoke();
    }
    catch (RuntimeException ex)
    {
        Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
        return 3;
    }
    if (host.ExitCode.HasValue) return host.ExitCode.Value;
    // `exit N` inside a -File script ends only the script; like pwsh -File, its N becomes the process's exit code.
    if (runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int scriptExit && scriptExit != NoExit) return scriptExit;
    var errors = runspace.SessionStateProxy.GetVariable("AccountingIntegrationsHostErrors") is int n ? n : 0;
    return errors > 0 || ps.HadErrors ? 1 : 0;
}
finally
{
    if (server != null) await server.DisposeAsync();
}
