using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>
/// One hosted PowerShell 7.6 runspace with the built module imported through its manifest, and one
/// sandbox; shared by the "Module" collection, whose tests run one after another.
/// </summary>
public sealed class ModuleSession : IAsyncLifetime
{
    Runspace _runspace;
    readonly CapturingHost _host = new();

    public SandboxServer Sandbox { get; private set; }
    public static string RepoRoot { get; } = FindRepoRoot();
    /// <summary>The built module; AI_TEST_MODULE_FOLDER points the tests at another build (e.g. one from before a fix, to see a test fail).</summary>
    public static string ModuleFolder => Environment.GetEnvironmentVariable("AI_TEST_MODULE_FOLDER") is { Length: > 0 } other ? other : Path.Combine(RepoRoot, "out", "Accounting.Integrations");
    public static string ModuleManifest => Path.Combine(ModuleFolder, "Accounting.Integrations.psd1");
    public TimeSpan ImportTime { get; private set; }

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42 });
        _runspace = RunspaceFactory.CreateRunspace(_host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        var watch = Stopwatch.StartNew();
        var import = Run("Import-Module $args[0] -ErrorAction Stop", ModuleManifest);
        ImportTime = watch.Elapsed;
        import.ShouldSucceed();
        SetVariable("BillbeeUrl", Sandbox.ServiceUri("billbee").AbsoluteUri);
        SetVariable("BillbeeCredential", new PSCredential(Sandbox.Billbee.Admin.Username, Secure(Sandbox.Billbee.Admin.ApiPassword)));
        SetVariable("BillbeeKey", Secure(Sandbox.Billbee.ApiKey));
        SetVariable("TripletexUrl", Sandbox.ServiceUri("tripletex").AbsoluteUri);
        SetVariable("TripletexConsumer", Secure(Sandbox.Tripletex.ConsumerToken));
        SetVariable("TripletexEmployee", Secure(Sandbox.Tripletex.AdminEmployeeToken));
        SetVariable("IFirmaUrl", Sandbox.ServiceUri("ifirma").AbsoluteUri);
        SetVariable("IFirmaLogin", Sandbox.IFirma.Login);
        SetVariable("BillectaProdUrl", new Uri(Sandbox.BaseUri, Sandbox.Billecta.BasePath).AbsoluteUri);
        SetVariable("BillectaTestUrl", new Uri(Sandbox.BaseUri, Sandbox.Billecta.TestBasePath).AbsoluteUri);
        SetVariable("BillectaCredential", new PSCredential(Sandbox.Billecta.Production.Username, Secure(Sandbox.Billecta.Production.Password)));
        SetVariable("BillectaTestCredential", new PSCredential(Sandbox.Billecta.Test.Username, Secure(Sandbox.Billecta.Test.Password)));
        SetVariable("LimeUrl", Sandbox.ServiceUri("lime").AbsoluteUri);
        SetVariable("LimeKey", Secure(Sandbox.Lime.ApiKey));
        foreach (var key in Sandbox.IFirma.Keys) SetVariable("IFirmaKey_" + key.Key, Secure(key.Value));
        // ConvertTo-SecureString lives in a module the hosted engine does not have.
        Run("function global:Secure([string]$Text) { $s = [securestring]::new(); foreach ($c in $Text.ToCharArray()) { $s.AppendChar($c) }; $s }").ShouldSucceed();
    }

    public async Task DisposeAsync()
    {
        _runspace?.Dispose();
        if (Sandbox != null) await Sandbox.DisposeAsync();
    }

    /// <summary>Connects the session's default Billbee connection to the sandbox; no call is made.</summary>
    public const string ConnectBillbee = "Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey\n";

    /// <summary>Connects the session's default Tripletex connection to the sandbox; no call is made.</summary>
    public const string ConnectTripletex = "Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee\n";

    /// <summary>Connects the session's default iFirma connection to the sandbox with all four keys; no call is made.</summary>
    public const string ConnectIFirma = "Connect-IFirma -BaseUrl $IFirmaUrl -Login $IFirmaLogin -InvoiceKey $IFirmaKey_faktura -BillKey $IFirmaKey_rachunek -SubscriberKey $IFirmaKey_abonent -ExpenseKey $IFirmaKey_wydatek\n";

    public void SetVariable(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public void ResetSandbox()
    {
        Sandbox.State.ClockOffset = TimeSpan.Zero;
        Sandbox.State.Faults.Clear();
        Sandbox.State.Log.Clear();
        _host.TakeText();
    }

    public ScriptResult Run(string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        // A ScriptProperty (the module's types file has none: its members are CodeProperties) runs where it is read: on
        // this thread, in this session, as a host that reads results in C# must arrange for any ScriptProperty.
        Runspace.DefaultRunspace = _runspace;
        try { return Collect(ps, () => ps.Invoke().ToList()); }
        finally { ResetPreferences(); }
    }

    /// <summary>Starts a script and returns the running pipeline, for tests that stop it.</summary>
    public (PowerShell Shell, PSDataCollection<PSObject> Output, IAsyncResult Handle) Start(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        return (ps, output, handle);
    }

    /// <summary>Preferences a test sets do not leak into the next.</summary>
    void ResetPreferences()
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript("$DebugPreference = $VerbosePreference = 'SilentlyContinue'; $WarningPreference = $ErrorActionPreference = 'Continue'").Invoke();
    }

    ScriptResult Collect(PowerShell ps, Func<List<PSObject>> invoke)
    {
        List<PSObject> output = new();
        Exception terminating = null;
        try { output = invoke(); }
        catch (RuntimeException ex) { terminating = ex; }
        return new ScriptResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
            Progress = ps.Streams.Progress.ToList(),
            HostText = _host.TakeText(),
            Terminating = terminating,
        };
    }

    static System.Security.SecureString Secure(string value)
    {
        var s = new System.Security.SecureString();
        foreach (var c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Accounting.Integrations.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                return dir.FullName;
        throw new InvalidOperationException("The repository root (with Accounting.Integrations.psd1) was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition("Module")]
public sealed class ModuleCollection : ICollectionFixture<ModuleSession> { }
