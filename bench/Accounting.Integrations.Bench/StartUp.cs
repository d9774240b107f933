using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Bench;

/// <summary>
/// Start-up figures, each in fresh processes, alternated with its baseline so the machine's drift hits both:
/// cold Import-Module beside a trivial module with as many cmdlets and one format file (built here with Add-Type),
/// and the first Connect-Billbee + Get-BillbeeShop beside a plain HttpClient GET of the same page.
/// </summary>
public static class StartUp
{
    public sealed record Pair(string What, List<double> Module, List<double> Baseline);

    static string ModuleManifest => Path.Combine(Measure.RepoRoot(), "out", "Accounting.Integrations", "Accounting.Integrations.psd1");

    public static Pair Import(int runs)
    {
        var trivial = BuildTrivialModule();
        var module = new List<double>();
        var baseline = new List<double>();
        Child("import-child", ModuleManifest); // warm the disk cache for both
        Child("import-child", trivial);
        for (var i = 0; i < runs; i++)
        {
            module.Add(double.Parse(Child("import-child", ModuleManifest).Trim().Split(' ')[1], CultureInfo.InvariantCulture));
            baseline.Add(double.Parse(Child("import-child", trivial).Trim().Split(' ')[1], CultureInfo.InvariantCulture));
        }
        return new Pair($"cold Import-Module vs a trivial module with the same {CmdletCount()} cmdlets and one format file", module, baseline);
    }

    static int CmdletCount()
    {
        var text = File.ReadAllText(ModuleManifest);
        var start = text.IndexOf("CmdletsToExport", StringComparison.Ordinal);
        var end = text.IndexOf(')', start);
        return text.Substring(start, end - start).Split('\'').Length / 2;
    }

    /// <summary>A module of as many empty cmdlets as the module exports, compiled by PowerShell's Add-Type, with a one-view format file.</summary>
    static string BuildTrivialModule()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ai-bench-trivial-module-" + CmdletCount());
        var manifest = Path.Combine(dir, "Trivial.psd1");
        if (File.Exists(manifest)) return manifest;
        Directory.CreateDirectory(dir);
        var n = CmdletCount();
        var source = new StringBuilder("using System.Management.Automation;\nnamespace Trivial {\npublic sealed class Item { public string Name { get; set; } }\n");
        for (var i = 0; i < n; i++)
            source.Append($"[Cmdlet(VerbsCommon.Get, \"Trivial{i}\")] [OutputType(typeof(Item))] public sealed class GetTrivial{i} : PSCmdlet {{ [Parameter(Position = 0)] public string Name {{ get; set; }} protected override void ProcessRecord() => WriteObject(new Item {{ Name = Name }}); }}\n");
        source.Append("}\n");
        Compile("Trivial", source.ToString(), Path.Combine(dir, "Trivial.dll"));
        File.WriteAllText(Path.Combine(dir, "Trivial.Format.ps1xml"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Configuration><ViewDefinitions><View><Name>Item</Name><ViewSelectedBy><TypeName>Trivial.Item</TypeName></ViewSelectedBy>"
            + "<TableControl><TableHeaders><TableColumnHeader/></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>");
        var names = string.Join(", ", Enumerable.Range(0, n).Select(i => $"'Get-Trivial{i}'"));
        File.WriteAllText(manifest, $"@{{ RootModule = 'Trivial.dll'; ModuleVersion = '1.0.0'; GUID = '{Guid.NewGuid()}'; FormatsToProcess = @('Trivial.Format.ps1xml'); CmdletsToExport = @({names}); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }}");
        return manifest;
    }

    /// <summary>Compiled with Roslyn (BenchmarkDotNet brings it) against this process's runtime and PowerShell SDK.</summary>
    static void Compile(string name, string source, string dllPath)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(PSCmdlet).Assembly.Location).Distinct()
            .Select(path => Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(path));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(name,
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) }, references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, optimizationLevel: Microsoft.CodeAnalysis.OptimizationLevel.Release));
        Microsoft.CodeAnalysis.Emit.EmitResult emitted;
        using (var dll = File.Create(dllPath)) emitted = compilation.Emit(dll);
        if (!emitted.Success) throw new InvalidOperationException($"the {name} module did not compile: " + string.Join("; ", emitted.Diagnostics.Take(3)));
    }

    /// <summary>
    /// A one-cmdlet module whose Get-PlainPage does the plain GET (HttpClient, Basic auth and the key header, System.Text.Json):
    /// the first call of a compiled cmdlet in the same hosted engine, so PowerShell's own first-command cost is on both sides.
    /// </summary>
    static string BuildPlainGetModule()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ai-bench-plain-get-module-1");
        var manifest = Path.Combine(dir, "PlainGet.psd1");
        if (File.Exists(manifest)) return manifest;
        Directory.CreateDirectory(dir);
        const string source = """
            using System;
            using System.Management.Automation;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            namespace PlainGet {
            [Cmdlet(VerbsCommon.Get, "PlainPage")]
            public sealed class GetPlainPage : PSCmdlet {
                [Parameter(Mandatory = true)] public Uri Uri { get; set; }
                [Parameter(Mandatory = true)] public PSCredential Credential { get; set; }
                [Parameter(Mandatory = true)] public string ApiKey { get; set; }
                protected override void ProcessRecord() {
                    using var http = new HttpClient();
                    using var m = new HttpRequestMessage(HttpMethod.Get, Uri);
                    m.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Credential.UserName + ":" + Credential.GetNetworkCredential().Password)));
                    m.Headers.Add("X-Billbee-Api-Key", ApiKey);
                    using var response = http.SendAsync(m).GetAwaiter().GetResult();
                    response.EnsureSuccessStatusCode();
                    using var doc = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult());
                    foreach (var shop in doc.RootElement.GetProperty("Data").EnumerateArray()) WriteObject(shop.GetProperty("Name").GetString());
                }
            }
            }
            """;
        Compile("PlainGet", source, Path.Combine(dir, "PlainGet.dll"));
        File.WriteAllText(manifest, $"@{{ RootModule = 'PlainGet.dll'; ModuleVersion = '1.0.0'; GUID = '{Guid.NewGuid()}'; CmdletsToExport = @('Get-PlainPage'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }}");
        return manifest;
    }

    /// <summary>A hosted engine on a runspace of its own (left open: the child ends after its one measure) with the module at <paramref name="manifest"/> imported; the children's untimed part.</summary>
    static PowerShell ImportedEngine(string manifest)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var ps = PowerShell.Create(runspace);
        ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
        ps.Commands.Clear();
        return ps;
    }

    /// <summary>A secret as the cmdlets take it, made by hand: the core's Secret would load the core before the timed part.</summary>
    static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    /// <summary>Child: imports the plain-GET module (not timed), then times its first Get-PlainPage; prints ms.</summary>
    public static int PlainCmdletChild(string[] args)
    {
        using var ps = ImportedEngine(args[1]);
        var password = Secure(args[4]);
        var jit = JitMark.Now();
        var watch = Stopwatch.StartNew();
        ps.AddCommand("Get-PlainPage").AddParameter("Uri", new Uri(new Uri(args[2]), "shopaccounts?page=1&pageSize=50")).AddParameter("Credential", new PSCredential(args[3], password))
            .AddParameter("ApiKey", args[5]).AddParameter("ErrorAction", "Stop");
        var shops = ps.Invoke();
        var ms = watch.Elapsed.TotalMilliseconds;
        jit.Report("plain cmdlet");
        if (ps.HadErrors || shops.Count == 0) throw new InvalidOperationException("the plain cmdlet failed: " + string.Join("; ", ps.Streams.Error));
        Console.WriteLine(ms.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>
    /// The first Connect-Billbee + Get-BillbeeShop beside the same first GET made by a one-cmdlet compiled module in the
    /// same hosted engine (fresh processes, alternated): what the module adds over PowerShell's own first command.
    /// </summary>
    public static Task<Pair> FirstCallInEngineAsync(int runs) =>
        FirstCallPairAsync("the same first call vs a one-cmdlet compiled module making the plain GET in the same hosted engine (fresh process each)",
            runs, "plain-cmdlet-child", BuildPlainGetModule(), warmBaseline: true);

    public static Task<Pair> FirstCallAsync(int runs) =>
        FirstCallPairAsync("first Connect-Billbee + Get-BillbeeShop after import vs a plain HttpClient GET of the same page (fresh process each)",
            runs, "plain-get-child", ModuleManifest, warmBaseline: false);

    /// <summary>
    /// Diagnosis (`first-call-ab MANIFEST [RUNS]`): this build's first call against another build's module folder, alternated,
    /// as wall ms, the CPU ms of the child's threads and the methods JIT-compiled in the timed part: the last two move
    /// little with the machine's load, so a change can be judged while others build.
    /// </summary>
    public static async Task<(Pair Wall, Pair Cpu, Pair Jit)> FirstCallAgainstAsync(string otherManifest, int runs)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42, Throttle = true });
        var b = sandbox.Billbee;
        var url = sandbox.ServiceUri("billbee").AbsoluteUri;
        var sides = new[] { ModuleManifest, Path.GetFullPath(otherManifest) };
        var figures = new[] { new List<double>[] { new(), new(), new() }, new List<double>[] { new(), new(), new() } };
        string[] Run(string manifest)
        {
            var info = ModuleChildStart(new[] { "first-call-child", manifest, url, b.Admin.Username, b.Admin.ApiPassword, b.ApiKey });
            info.Environment["AI_BENCH_CPU"] = "1";
            using var child = Process.Start(info)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0) throw new InvalidOperationException($"first-call-child of {manifest} exited with {child.ExitCode}");
            return output.Trim().Split(' ');
        }
        foreach (var side in sides) Run(side);
        for (var i = 0; i < runs; i++)
            for (var side = 0; side < 2; side++)
            {
                var values = Run(sides[side]);
                for (var k = 0; k < 3; k++) figures[side][k].Add(double.Parse(values[k], CultureInfo.InvariantCulture));
                await Task.Delay(1100); // Billbee's 2/s per endpoint, as in FirstCallPairAsync
            }
        var what = $"this build vs {otherManifest}";
        return (new Pair(what + ": wall ms", figures[0][0], figures[1][0]), new Pair(what + ": CPU ms", figures[0][1], figures[1][1]),
            new Pair(what + ": methods JIT-compiled", figures[0][2], figures[1][2]));
    }

    /// <summary>The module's first call and a baseline child (<paramref name="baselineMode"/> given <paramref name="baselineTarget"/>), alternated against one sandbox.</summary>
    static async Task<Pair> FirstCallPairAsync(string what, int runs, string baselineMode, string baselineTarget, bool warmBaseline)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42, Throttle = true });
        var b = sandbox.Billbee;
        var url = sandbox.ServiceUri("billbee").AbsoluteUri;
        var module = new List<double>();
        var baseline = new List<double>();
        string[] Args(string mode, string target) => new[] { mode, target, url, b.Admin.Username, b.Admin.ApiPassword, b.ApiKey };
        ModuleChild(Args("first-call-child", ModuleManifest));
        if (warmBaseline) Child(Args(baselineMode, baselineTarget));
        for (var i = 0; i < runs; i++)
        {
            module.Add(double.Parse(ModuleChild(Args("first-call-child", ModuleManifest)).Trim(), CultureInfo.InvariantCulture));
            baseline.Add(double.Parse(Child(Args(baselineMode, baselineTarget)).Trim(), CultureInfo.InvariantCulture));
            await Task.Delay(1100); // Billbee's 2/s per endpoint: each run's calls start on a fresh second, as in a fresh session
        }
        return new Pair(what, module, baseline);
    }

    /// <summary>Child: imports the module (not timed), then times Connect-Billbee and the first Get-BillbeeShop; prints ms.</summary>
    public static int FirstCallChild(string[] args)
    {
        using var ps = ImportedEngine(args[1]);
        var password = Secure(args[4]);
        var key = Secure(args[5]);
        if (Environment.GetEnvironmentVariable("AI_BENCH_SPLIT") == "1") SplitFirstCall(ps, args, password, key);
        TimedPartStarts();
        var jit = JitMark.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        ps.AddCommand("Connect-Billbee").AddParameter("Credential", new PSCredential(args[3], password)).AddParameter("ApiKey", key).AddParameter("BaseUrl", new Uri(args[2]))
            .AddStatement().AddCommand("Get-BillbeeShop").AddParameter("ErrorAction", "Stop");
        var shops = ps.Invoke();
        var ms = watch.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        TimedPartEnds();
        jit.Report("module");
        if (ps.HadErrors || shops.Count == 0) throw new InvalidOperationException("the first call failed: " + string.Join("; ", ps.Streams.Error));
        if (Environment.GetEnvironmentVariable("AI_BENCH_CPU") == "1")
            Console.WriteLine(string.Join(" ", ms.ToString("F1", CultureInfo.InvariantCulture), cpuMs.ToString("F1", CultureInfo.InvariantCulture), jit.MethodsSince().ToString(CultureInfo.InvariantCulture)));
        else Console.WriteLine(ms.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>
    /// Diagnosis (AI_BENCH_JITINFO=1): the methods the runtime JIT-compiled in the timed part and the time it spent
    /// compiling (all threads), to stderr, beside the part's own time.
    /// </summary>
    readonly struct JitMark
    {
        readonly long _methods;
        readonly TimeSpan _time;
        JitMark(long methods, TimeSpan time) { _methods = methods; _time = time; }
        public static JitMark Now() => new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        public long MethodsSince() => System.Runtime.JitInfo.GetCompiledMethodCount() - _methods;
        public void Report(string what)
        {
            if (Environment.GetEnvironmentVariable("AI_BENCH_JITINFO") != "1") return;
            var now = Now();
            Console.Error.WriteLine($"{what}: {now._methods - _methods} methods JIT-compiled in {(now._time - _time).TotalMilliseconds:F1} ms");
        }
    }

    /// <summary>Diagnosis (AI_BENCH_SPLIT=1): Connect and Get timed apart, then both again warm; to stderr.</summary>
    static void SplitFirstCall(PowerShell ps, string[] args, System.Security.SecureString password, System.Security.SecureString key)
    {
        for (var round = 1; round <= 3; round++)
        {
            var w = Stopwatch.StartNew();
            ps.Commands.Clear();
            ps.AddCommand("Connect-Billbee").AddParameter("Credential", new PSCredential(args[3], password)).AddParameter("ApiKey", key).AddParameter("BaseUrl", new Uri(args[2])).Invoke();
            var connect = w.Elapsed.TotalMilliseconds;
            w.Restart();
            ps.Commands.Clear();
            ps.AddCommand("Get-BillbeeShop").Invoke();
            Console.Error.WriteLine($"round {round}: Connect-Billbee {connect:F1} ms, Get-BillbeeShop {w.Elapsed.TotalMilliseconds:F1} ms");
            Thread.Sleep(1100);
        }
        ps.Commands.Clear();
    }

    // Markers in the JIT's list of compiled methods (DOTNET_JitStdOutFile): what lies between them is the timed part's.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] static void TimedPartStarts() { }
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] static void TimedPartEnds() { }

    /// <summary>
    /// What the first call JIT-compiles: runs the first-call child once with the JIT's method list switched on and prints
    /// the methods compiled between the markers, counted by assembly namespace, and how many assemblies the call loaded.
    /// </summary>
    public static async Task<int> FirstCallJitAsync(string mode)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = 42, Throttle = true });
        var b = sandbox.Billbee;
        var list = Path.Combine(Path.GetTempPath(), $"ai-bench-jit-{Environment.ProcessId}.txt");
        var childArgs = new[] { mode, ModuleManifest, sandbox.ServiceUri("billbee").AbsoluteUri, b.Admin.Username, b.Admin.ApiPassword, b.ApiKey };
        ModuleChild(childArgs); // the sandbox's first answer of the route is not the module's cost: warm it, as the timed modes do
        await Task.Delay(1100);
        var info = ModuleChildStart(childArgs);
        var listing = Environment.GetEnvironmentVariable("AI_BENCH_NOLIST") != "1";
        if (listing) info.Environment["DOTNET_JitStdOutFile"] = list;
        if (listing) info.Environment["DOTNET_JitDisasmSummary"] = "1";
        // AI_BENCH_TRACE=file.nettrace: the child samples its stacks (EventPipe, 1 ms) into that file, for dotnet-trace convert.
        if (Environment.GetEnvironmentVariable("AI_BENCH_TRACE") is { Length: > 0 } trace)
        {
            info.Environment["DOTNET_EnableEventPipe"] = "1";
            info.Environment["DOTNET_EventPipeOutputPath"] = trace;
            info.Environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x18:4";
        }
        using (var child = Process.Start(info)!)
        {
            Console.WriteLine("child: " + child.StandardOutput.ReadToEnd().Trim() + " ms (slowed by the listing)");
            child.WaitForExit();
        }
        if (!listing) return 0;
        var lines = File.ReadAllLines(list);
        File.Delete(list);
        var start = Array.FindIndex(lines, l => l.Contains("TimedPartStarts"));
        var end = Array.FindIndex(lines, l => l.Contains("TimedPartEnds"));
        if (start < 0) { start = 0; end = lines.Length; }
        if (end < 0) end = lines.Length;
        var methods = lines.Skip(start + 1).Take(end - start - 1).Where(l => l.Contains("JIT compiled ")).ToList();
        Console.WriteLine($"{methods.Count} methods JIT-compiled in the timed part ({lines.Length} in the whole process); {methods.Count(m => m.Contains("Tier1") || m.Contains("FullOpts"))} of them optimised, {methods.Count(m => m.Contains("Instrumented"))} instrumented");
        string Group(string line)
        {
            var name = line.Substring(line.IndexOf("JIT compiled ", StringComparison.Ordinal) + 13);
            var cut = name.IndexOf(':');
            var type = cut > 0 ? name[..cut] : name;
            var parts = type.Split('.');
            return string.Join('.', parts.Take(Math.Min(3, Math.Max(1, parts.Length - 1))));
        }
        if (Environment.GetEnvironmentVariable("AI_BENCH_JIT_RAW") == "1") foreach (var l in lines.Take(5).Concat(lines.Skip(start).Take(5))) Console.WriteLine(l);
        foreach (var g in methods.GroupBy(Group).OrderByDescending(g => g.Count()).Take(40)) Console.WriteLine($"{g.Count(),6}  {g.Key}");
        if (Environment.GetEnvironmentVariable("AI_BENCH_JIT_ALL") == "1") foreach (var m in methods) Console.WriteLine(m);
        return 0;
    }

    /// <summary>Child: the same page by a plain HttpClient GET, deserialised with System.Text.Json; prints ms.</summary>
    public static async Task<int> PlainGetChildAsync(string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient();
        using var m = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(args[2]), "shopaccounts?page=1&pageSize=50"));
        m.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(args[3] + ":" + args[4])));
        m.Headers.Add("X-Billbee-Api-Key", args[5]);
        using var response = await http.SendAsync(m);
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        if (doc.RootElement.GetProperty("Data").GetArrayLength() == 0) throw new InvalidOperationException("no shops");
        Console.WriteLine(watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    static string Child(params string[] args) => Measure.RunChildPublic(args);

    /// <summary>
    /// A child that imports the module folder as pwsh does. The bench references the core itself (for its parse and paging
    /// parts), so its own deps file puts the core and its dependencies on the trusted list, and the hosted engine would take
    /// those IL copies instead of the module folder's (its ReadyToRun core, its dependencies/): the module's children run with
    /// a deps file without them.
    /// </summary>
    static string ModuleChild(params string[] args)
    {
        using var child = Process.Start(ModuleChildStart(args))!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"{args[0]} exited with {child.ExitCode}");
        return output;
    }

    static readonly string[] ModuleFolderOnly = { "Accounting.Integrations.Core", "Microsoft.Bcl.TimeProvider", "Microsoft.Bcl.AsyncInterfaces", "System.Threading.RateLimiting", "YamlDotNet" };

    static ProcessStartInfo ModuleChildStart(string[] args)
    {
        var bench = typeof(StartUp).Assembly.Location;
        // Beside the bench's own: the host resolves the listed assemblies from the deps file's folder.
        var deps = Path.ChangeExtension(bench, ".module-child.deps.json");
        if (!File.Exists(deps) || File.GetLastWriteTimeUtc(deps) < File.GetLastWriteTimeUtc(Path.ChangeExtension(bench, ".deps.json")))
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(bench, ".deps.json")))!.AsObject();
            bool Dropped(string library) => ModuleFolderOnly.Any(n => library.StartsWith(n + "/", StringComparison.Ordinal));
            foreach (var target in root["targets"]!.AsObject())
            {
                var libraries = target.Value!.AsObject();
                foreach (var library in libraries.ToList())
                {
                    if (Dropped(library.Key)) libraries.Remove(library.Key);
                    else if (library.Value?["dependencies"] is System.Text.Json.Nodes.JsonObject dependencies)
                        foreach (var name in ModuleFolderOnly) dependencies.Remove(name);
                }
            }
            var all = root["libraries"]!.AsObject();
            foreach (var library in all.ToList()) if (Dropped(library.Key)) all.Remove(library.Key);
            File.WriteAllText(deps, root.ToJsonString());
        }
        // dotnet exec with that deps file: the host that runs this bench (an apphost under dotnet run).
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet" ? Environment.ProcessPath!
            : Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", "--depsfile", deps, bench }.Concat(args)) info.ArgumentList.Add(a);
        return info;
    }
}
