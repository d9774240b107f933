using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Fuzz;

/// <summary>
/// Issue 15 item 10: bad input across every cmdlet and parameter of the module, in a runspace of its own connected to
/// the sandbox. Every error must be in the module's ErrorId catalogue (or the binder's refusal), no call may take over
/// 10 s, and memory stays bounded. 1 200 cases in CI, seeded; FUZZ_SCALE multiplies them.
/// </summary>
[Collection("Module")]
public class BadInputFuzzTests(ModuleSession session, ITestOutputHelper output) : IDisposable
{
    static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SCALE"), out var s) && s > 0 ? s : 1;
    static readonly string[] Common = { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm" };

    readonly string _folder = Directory.CreateTempSubdirectory("ai-fuzz-").FullName;

    /// <summary>Bad values by parameter type, as PowerShell expressions.</summary>
    static readonly Dictionary<Type, string[]> BadValues = new()
    {
        [typeof(string)] = new[] { "''", "' '", "'[a'", "'Env:/PATH'", "'Variable:/x'", "('x' * 100000)", "'../../../../etc/passwd'", "\"a`0b\"", "'-1'", "'relative/path'",
            "'http://example.com/'", "'ftp://x/'", "'ünïcødé-名前'", "'*'", "'a:b'", "'/dev/zero'", "'/'", "'C:\\nope\\x.yaml'", "'$Work/no/such/dir/x.yaml'", "'$Work'" },
        [typeof(string[])] = new[] { "@('')", "@('[a', '*')", "@('x' * 5000)", "@('Env:/PATH')", "@('-1', ' ')" },
        [typeof(int)] = new[] { "-1", "0", "[int]::MaxValue", "[int]::MinValue" },
        [typeof(long)] = new[] { "-1", "0", "[long]::MaxValue", "[long]::MinValue" },
        [typeof(long[])] = new[] { "@(-1)", "@(0, [long]::MaxValue)" },
        [typeof(int[])] = new[] { "@(-1)", "@(0, [int]::MaxValue)" },
        [typeof(DateTime)] = new[] { "[datetime]::MaxValue", "[datetime]::MinValue", "'9999-12-31'", "'0001-01-01'" },
        [typeof(TimeSpan)] = new[] { "[TimeSpan]::MaxValue", "[TimeSpan]::MinValue", "[TimeSpan]::Zero", "([TimeSpan]'-1.00:00:00')" },
        [typeof(Uri)] = new[] { "'relative/path'", "'ftp://x.example/'", "'http://example.com/'", "'https://'", "'file:///etc/passwd'", "'http://127.0.0.1:1/'", "'https://127.0.0.1:1/'" },
        [typeof(System.Security.SecureString)] = new[] { "(Secure '')", "(Secure ' ')", "(Secure ('x' * 20000))", "(Secure 'zz:zz')", "(Secure \"`r`n\")" },
        [typeof(PSCredential)] = new[] { "[pscredential]::new(' ', (Secure 'x'))", "[pscredential]::new('a:b', (Secure ''))", "[pscredential]::new(('u' * 5000), (Secure 'p'))" },
        [typeof(System.Collections.Hashtable)] = new[] { "@{}", "@{ '' = '' }", "@{ apiKey = 'plain-secret' }", "@{ x = $null }", "@{ baseUrl = 'http://example.com' }" },
        [typeof(SwitchParameter)] = new[] { "$true" },
    };

    [Fact]
    public void A_thousand_bad_inputs_across_every_cmdlet_end_in_the_modules_ErrorIds_without_hangs()
    {
        using var config = new TemporaryConfigFolder("ai-fuzz-config-");
        File.WriteAllText(Path.Combine(config.Path, "profiles.yaml"), "schemaVersion: 1\nprofiles:\n  fuzz:\n    services:\n      Billbee:\n        settings:\n          username: u\n");
        File.WriteAllText(Path.Combine(_folder, "policy.yaml"), "schemaVersion: 1\n");
        using var runspace = OpenRunspace();
        var commands = Invoke(runspace, "Get-Command -Module Accounting.Integrations -CommandType Cmdlet").Select(o => (CmdletInfo)o.BaseObject).ToList();
        Assert.True(commands.Count > 30);

        var cases = new List<string>();
        foreach (var command in commands)
            foreach (var set in command.ParameterSets)
                foreach (var parameter in set.Parameters.Where(p => !Common.Contains(p.Name) && BadValues.ContainsKey(p.ParameterType)))
                    foreach (var bad in BadValues[parameter.ParameterType])
                        cases.Add(Case(command, set, parameter, bad));
        cases = cases.Where(c => !c.StartsWith('#')).Distinct().ToList();
        var random = new Random(15_10);
        var picked = cases.OrderBy(_ => random.Next()).Take(1200 * Scale).ToList();
        // Beyond the single-parameter cases at higher scales: the same with a second bad parameter.
        while (picked.Count < 1200 * Scale) picked.Add(picked[random.Next(picked.Count)] + " -Verbose");

        var stray = new List<string>();
        var hangs = new List<string>();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        long peak = baseline;
        var slowest = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        foreach (var script in picked)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            var started = Stopwatch.StartNew();
            var handle = ps.BeginInvoke();
            if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
            {
                hangs.Add(script);
                ps.BeginStop(null, null);
                break; // the runspace may stay busy: one hang fails the test anyway
            }
            var took = started.Elapsed;
            if (took > slowest) slowest = took;
            var errors = ps.Streams.Error.ToList();
            try { ps.EndInvoke(handle); }
            catch (RuntimeException ex) { errors.Add(ex.ErrorRecord); }
            // The test host refuses to prompt where pwsh -NonInteractive raises the binder's missing-mandatory error
            // (the parameter set could not be chosen without a prompt): that is the binder's refusal, not the cmdlet's.
            foreach (var e in errors.Where(e => !(e.Exception is InvalidOperationException io && io.Message.StartsWith("A test host never prompts", StringComparison.Ordinal))))
                if (ErrorCatalogue.Stray(e) is string what) stray.Add(script.Split('\n').Last() + " => " + what);
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            // A Connect-* case replaced the runspace's default connection: put the sandbox's back for the next case.
            if (script.StartsWith("Connect-", StringComparison.Ordinal)) Invoke(runspace, Reconnect);
        }
        output.WriteLine($"{picked.Count} cases over {commands.Count} cmdlets ({cases.Count} distinct single-parameter cases), {stray.Count} stray errors, {hangs.Count} hangs, " +
            $"slowest {slowest.TotalSeconds:F1} s, working set {baseline / 1048576} MB -> peak {peak / 1048576} MB, {watch.Elapsed.TotalSeconds:F0} s");
        foreach (var line in stray.Take(40)) output.WriteLine(line);
        Assert.Empty(hangs);
        Assert.Empty(stray);
        Assert.True(peak - baseline < 500L * 1024 * 1024, $"memory grew by {(peak - baseline) / 1048576} MB");
    }

    /// <summary>The command with one bad parameter and valid values for the set's other mandatory ones; -WhatIf where it changes state.</summary>
    string Case(CmdletInfo command, CommandParameterSetInfo set, CommandParameterInfo bad, string value)
    {
        var parts = new List<string> { command.Name, "-" + bad.Name, value };
        foreach (var p in set.Parameters.Where(p => p.IsMandatory && p.Name != bad.Name && !Common.Contains(p.Name)))
        {
            var valid = Valid(p);
            if (valid == null) return $"# {command.Name} needs {p.Name}";
            parts.Add("-" + p.Name);
            parts.Add(valid);
        }
        if (command.Parameters.ContainsKey("WhatIf")) parts.Add("-WhatIf");
        // A connection a case makes must fail fast (no retries of a refused loopback port past the 10 s bound).
        if (command.Parameters.ContainsKey("MaxAttempts") && bad.Name != "MaxAttempts") parts.Add("-MaxAttempts 1");
        if (command.Parameters.ContainsKey("Confirm")) parts.Add("-Confirm:$false");
        return string.Join(" ", parts).Replace("$Work", _folder);
    }

    static string Valid(CommandParameterInfo p) => p.Name switch
    {
        "Path" when p.ParameterType == typeof(string) => "'$Work/policy.yaml'",
        "Desired" => "'$Work/policy.yaml'",
        "Service" => "'Billbee'",
        "Profile" => "'fuzz'",
        "Environment" => "'Test'",
        "Application" => "'crm'",
        "State" when p.ParameterType == typeof(string) => "'Paid'",
        _ when p.ParameterType == typeof(string) => "'fuzz'",
        _ when p.ParameterType == typeof(string[]) => "@('fuzz')",
        _ when p.ParameterType == typeof(int) || p.ParameterType == typeof(long) => "1",
        _ when p.ParameterType == typeof(int[]) || p.ParameterType == typeof(long[]) => "@(1)",
        _ when p.ParameterType == typeof(DateTime) => "'2025-01-01'",
        _ when p.ParameterType == typeof(TimeSpan) => "'1.00:00:00'",
        _ when p.ParameterType == typeof(Uri) => "'https://127.0.0.1:1/'",
        _ when p.ParameterType == typeof(System.Security.SecureString) => "(Secure 'fuzz')",
        _ when p.ParameterType == typeof(PSCredential) => "[pscredential]::new('fuzz', (Secure 'fuzz'))",
        _ when p.ParameterType == typeof(System.Collections.Hashtable) => "@{}",
        _ when p.ParameterType == typeof(SwitchParameter) => "$true",
        _ => null,
    };

    /// <summary>A runspace of its own (its default connections do not leak into other tests), connected to the sandbox.</summary>
    Runspace OpenRunspace()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleSession.ModuleManifest);
        state.Commands.Add(new SessionStateFunctionEntry("Secure", "param([string]$Text) $s = [securestring]::new(); foreach ($c in $Text.ToCharArray()) { $s.AppendChar($c) }; $s"));
        var runspace = RunspaceFactory.CreateRunspace(new CapturingHost(), state);
        runspace.Open();
        var sb = session.Sandbox;
        runspace.SessionStateProxy.SetVariable("Sbx", new Dictionary<string, string>
        {
            ["billbee"] = sb.ServiceUri("billbee").AbsoluteUri, ["billbeeUser"] = sb.Billbee.Admin.Username, ["billbeePassword"] = sb.Billbee.Admin.ApiPassword, ["billbeeKey"] = sb.Billbee.ApiKey,
            ["tripletex"] = sb.ServiceUri("tripletex").AbsoluteUri, ["consumer"] = sb.Tripletex.ConsumerToken, ["employee"] = sb.Tripletex.AdminEmployeeToken,
            ["ifirma"] = sb.ServiceUri("ifirma").AbsoluteUri, ["ifirmaLogin"] = sb.IFirma.Login, ["faktura"] = sb.IFirma.Keys["faktura"],
            ["lime"] = sb.ServiceUri("lime").AbsoluteUri, ["limeKey"] = sb.Lime.ApiKey,
            ["billecta"] = new Uri(sb.BaseUri, sb.Billecta.BasePath).AbsoluteUri, ["billectaUser"] = sb.Billecta.Production.Username, ["billectaPassword"] = sb.Billecta.Production.Password,
        });
        Invoke(runspace, Reconnect);
        return runspace;
    }

    const string Reconnect = """
            Connect-Billbee -BaseUrl $Sbx.billbee -Credential ([pscredential]::new($Sbx.billbeeUser, (Secure $Sbx.billbeePassword))) -ApiKey (Secure $Sbx.billbeeKey) -NoRateLimit -MaxAttempts 1
            Connect-Tripletex -Environment Test -BaseUrl $Sbx.tripletex -ConsumerToken (Secure $Sbx.consumer) -EmployeeToken (Secure $Sbx.employee) -MaxAttempts 1
            Connect-IFirma -BaseUrl $Sbx.ifirma -Login $Sbx.ifirmaLogin -InvoiceKey (Secure $Sbx.faktura) -MaxAttempts 1 -WarningAction SilentlyContinue
            Connect-Lime -BaseUrl $Sbx.lime -ApiKey (Secure $Sbx.limeKey) -MaxAttempts 1
            Connect-Billecta -BaseUrl $Sbx.billecta -Credential ([pscredential]::new($Sbx.billectaUser, (Secure $Sbx.billectaPassword))) -MaxAttempts 1
            """;

    static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var result = ps.Invoke().ToList();
        Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        return result;
    }

    public void Dispose() => Directory.Delete(_folder, true);
}
