using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Module;

/// <summary>
/// Issue 15 items 5, 7 and 9 through the module: Set-LimeApplicationConfig's writes (backups, symlinks, an immutable
/// file, a missing folder), the profile file under concurrent writers, one reader per checkpoint, bounded YAML.
/// </summary>
[Collection("Module")]
public class FileHardeningTests(ModuleSession session) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-files-").FullName;
    const string Config = "# managed by ops\ncrm:\n  config:\n    other:\n      url: https://x.test\n";
    const string SetConfig = "New-BillectaAuthorization -SecureToken (Secure $Token) | Set-LimeApplicationConfig -Path $ConfigPath -Application crm -Environment Test -Confirm:$false";

    /// <summary>585 bytes: nine levels of nine-fold aliases (9^9 nodes) used as mapping keys, as in the issue.</summary>
    static readonly string AliasBomb = string.Join("\n", "abcdefghi".Select((c, i) =>
        $"{c}: &{c} [{string.Join(", ", Enumerable.Repeat(i == 0 ? "x" : "*" + "abcdefghi"[i - 1], 9))}]")) + "\nprofiles:\n  ? *i\n  : x\nschemaVersion: 1\n";

    string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    ScriptResult Set(string path, string token)
    {
        session.SetVariable("ConfigPath", path);
        session.SetVariable("Token", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)));
        return session.Run(SetConfig);
    }

    [Fact]
    public void Runs_within_one_second_keep_one_backup_each_and_no_original_is_lost()
    {
        var path = Write("application_config.yaml", Config);
        // Names the old code would have used for this second and the next two: whatever it wrote there replaced them.
        var now = DateTime.Now;
        var taken = Enumerable.Range(0, 3).Select(s => path + ".bak-" + now.AddSeconds(s).ToString("yyyyMMdd-HHmmss")).ToList();
        foreach (var t in taken) File.WriteAllText(t, "an earlier backup");
        var originals = new List<string>();
        var backups = new List<string>();
        foreach (var token in new[] { "token-one", "token-two", "token-three" })
        {
            originals.Add(File.ReadAllText(path));
            var r = Set(path, token);
            r.ShouldSucceed();
            backups.Add((string)r.Output.Single().Properties["BackupPath"].Value);
        }
        Assert.All(taken, t => Assert.Equal("an earlier backup", File.ReadAllText(t)));
        Assert.Equal(3, backups.Distinct().Count());
        Assert.Equal(originals, backups.Select(File.ReadAllText));
    }

    [Fact]
    public void A_symlinked_config_stays_a_link_and_its_target_is_changed()
    {
        var real = Directory.CreateDirectory(Path.Combine(_folder, "lime")).FullName;
        var target = Path.Combine(real, "application_config.yaml");
        File.WriteAllText(target, Config);
        var link = Path.Combine(_folder, "application_config.yaml");
        File.CreateSymbolicLink(link, target);
        var r = Set(link, "linked-token");
        r.ShouldSucceed();
        Assert.True((bool)r.Output.Single().Properties["Changed"].Value);
        Assert.Equal(target, new FileInfo(link).ResolveLinkTarget(true)!.FullName);
        Assert.Contains("authentication: \"SecureToken ", File.ReadAllText(target));
        Assert.Equal(Config, File.ReadAllText((string)r.Output.Single().Properties["BackupPath"].Value));
    }

    [Fact]
    public void An_immutable_config_gives_the_modules_error_with_path_and_fix_and_leaves_no_temporary_file()
    {
        var path = Write("application_config.yaml", Config);
        var flagged = RunTool("chattr", "+i", path);
        if (!flagged) File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        ScriptResult r;
        try { r = Set(path, "never-written-token"); }
        finally
        {
            if (flagged) RunTool("chattr", "-i", path);
            else File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var error = r.SingleError();
        Assert.Equal("Module.FileAccessDenied", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(path, error.Exception.Message);
        Assert.Contains("chattr -i", error.ErrorDetails.RecommendedAction);
        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder)); // no .tmp-* holding the new header, no backup
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_Path_and_nothing_is_created()
    {
        var path = Path.Combine(_folder, "a", "b", "c", "application_config.yaml");
        var error = Set(path, "token").SingleError();
        Assert.Equal("Module.InvalidParameter", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("Path", ((ArgumentException)error.Exception).ParamName);
        Assert.False(Directory.Exists(Path.Combine(_folder, "a")));
    }

    [Fact]
    public void An_alias_bomb_ends_quickly_in_a_clear_error_in_every_cmdlet_that_reads_yaml()
    {
        using var config = new TemporaryConfigFolder("ai-bomb-");
        File.WriteAllText(Path.Combine(config.Path, "profiles.yaml"), AliasBomb);
        var policy = Write("policy.yaml", AliasBomb);
        var app = Write("application_config.yaml", AliasBomb);
        session.SetVariable("PolicyPath", policy);

        var get = RunWithin("Get-IntegrationProfile");
        Assert.Equal("Module.ProfileInvalid", get.SingleError().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("aliases", get.SingleError().Exception.Message);
        var lint = RunWithin("Test-IntegrationPolicy -Path $PolicyPath");
        Assert.Equal("Policy.DocumentInvalid", lint.SingleError().FullyQualifiedErrorId.Split(',')[0]);
        session.SetVariable("ConfigPath", app);
        session.SetVariable("Token", "dG9rZW4=");
        var set = RunWithin(SetConfig);
        Assert.Equal("Module.InvalidParameter", set.SingleError().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("aliases", set.SingleError().Exception.Message);
        var zero = RunWithin("Test-IntegrationPolicy -Path /dev/zero");
        Assert.Contains("larger than", zero.SingleError().Exception.Message);
        Assert.Equal(AliasBomb, File.ReadAllText(app));
    }

    ScriptResult RunWithin(string script)
    {
        // Generous (the caps make these milliseconds); before them the reads did not end at all.
        var task = Task.Run(() => session.Run(script));
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), script + " did not end");
        return task.Result;
    }

    [Fact]
    public void Three_concurrent_loops_of_150_New_IntegrationProfile_keep_all_450_and_20_parallel_calls_keep_20()
    {
        using var config = new TemporaryConfigFolder("ai-profiles-race-");
        using var pool = OpenPool(20);
        var loops = Enumerable.Range(0, 3).Select(l => Invoke(pool,
            $"foreach ($i in 1..150) {{ New-IntegrationProfile \"loop{l}-$i\" Billbee -Setting @{{ username = 'u' }} -Confirm:$false > $null }}")).ToList();
        Task.WaitAll(loops.ToArray());
        Assert.All(loops, t => Assert.Empty(t.Result));
        Assert.Equal(450, session.Run("@(Get-IntegrationProfile).Count").Output.Single().BaseObject);

        var parallel = Enumerable.Range(0, 20).Select(i => Invoke(pool,
            $"New-IntegrationProfile \"parallel-{i}\" Tripletex -SecretReference @{{ employeeToken = 'env:T{i}' }} -Confirm:$false > $null")).ToList();
        Task.WaitAll(parallel.ToArray());
        Assert.All(parallel, t => Assert.Empty(t.Result));
        Assert.Equal(20, session.Run("@(Get-IntegrationProfile parallel-*).Count").Output.Single().BaseObject);
        // And one profile's services written concurrently: every service stays.
        var services = new[] { "Billbee", "Tripletex", "IFirma", "Billecta", "Lime" }.Select(s => Invoke(pool,
            $"New-IntegrationProfile shared {s} -Confirm:$false > $null")).ToList();
        Task.WaitAll(services.ToArray());
        Assert.Equal(5, session.Run("(Get-IntegrationProfile shared).Services.Count").Output.Single().BaseObject);
    }

    [Fact]
    public void A_second_reader_of_one_checkpoint_is_refused_while_the_first_reads_and_delivers_nothing_twice()
    {
        using var config = new TemporaryConfigFolder("ai-readers-");
        using var pool = OpenPool(2);
        using var reached = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        session.SetVariable("Reached", reached);
        session.SetVariable("Gate", gate);
        var connect = "Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -NoRateLimit\n";
        var first = Task.Run(() => session.Run(connect +
            "Get-BillbeeOrder -Checkpoint shared -First 300 | ForEach-Object -Begin { $Reached.Set(); [void]$Gate.Wait(60000) } -Process { $_.BillbeeOrderId }"));
        Assert.True(reached.Wait(TimeSpan.FromSeconds(60)));
        // Another runspace (another thread, as another process would): refused at once, with the module's ErrorId.
        var second = Invoke(pool, $"$BillbeeUrl = '{session.Sandbox.ServiceUri("billbee").AbsoluteUri}'\n" +
            $"$c = [pscredential]::new('{session.Sandbox.Billbee.Admin.Username}', (Secure '{session.Sandbox.Billbee.Admin.ApiPassword}'))\n" +
            $"Connect-Billbee -BaseUrl $BillbeeUrl -Credential $c -ApiKey (Secure '{session.Sandbox.Billbee.ApiKey}') -NoRateLimit\n" +
            "Get-BillbeeOrder -Checkpoint shared -First 300 | ForEach-Object BillbeeOrderId");
        var errors = second.Result;
        gate.Set();
        var firstResult = first.Result;
        firstResult.ShouldSucceed();
        Assert.Equal(300, firstResult.Output.Count);
        Assert.Equal("Module.CheckpointInUse", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("being read by another command", errors[0].Exception.Message);
    }

    /// <summary>Runspaces of their own, each with the module imported (as other sessions or processes would have).</summary>
    static RunspacePool OpenPool(int size)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleSession.ModuleManifest);
        state.Commands.Add(new SessionStateFunctionEntry("Secure", "param([string]$Text) $s = [securestring]::new(); foreach ($c in $Text.ToCharArray()) { $s.AppendChar($c) }; $s"));
        var pool = RunspaceFactory.CreateRunspacePool(1, size, state, new CapturingHost());
        pool.Open();
        return pool;
    }

    /// <summary>Runs a script in the pool; its result is the errors it wrote (terminating ones included).</summary>
    static Task<List<ErrorRecord>> Invoke(RunspacePool pool, string script) => Task.Run(() =>
    {
        using var ps = PowerShell.Create();
        ps.RunspacePool = pool;
        ps.AddScript(script);
        var errors = new List<ErrorRecord>();
        try { ps.Invoke(); }
        catch (RuntimeException ex) { errors.Add(ex.ErrorRecord); }
        errors.AddRange(ps.Streams.Error);
        return errors;
    });

    static bool RunTool(string file, params string[] args)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(info)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    public void Dispose() => Directory.Delete(_folder, true);
}
