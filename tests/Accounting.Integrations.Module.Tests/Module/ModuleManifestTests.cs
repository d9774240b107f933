using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Module;

[Collection("Module")]
public class ModuleManifestTests(ModuleSession session, ITestOutputHelper output)
{
    /// <summary>Every cmdlet class in the module assembly, by its Verb-Noun.</summary>
    string[] CmdletsInAssembly()
    {
        var result = session.Run("""
            (Get-Module Accounting.Integrations).ImplementingAssembly.GetTypes() |
                ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false); if ($a) { $a[0].VerbName + '-' + $a[0].NounName } }
            """);
        result.ShouldSucceed();
        return result.Output.Select(o => o.ToString()).OrderBy(c => c).ToArray();
    }

    [Fact]
    public void The_built_manifest_passes_Test_ModuleManifest_and_declares_both_editions()
    {
        var result = session.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModuleSession.ModuleManifest);
        result.ShouldSucceed();
        var info = (PSModuleInfo)result.Output.Single().BaseObject;
        Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
        Assert.Equal(new Version(5, 1), info.PowerShellVersion);
        Assert.Equal(new Version(4, 7, 2), info.DotNetFrameworkVersion);
        Assert.Equal(CmdletsInAssembly(), info.ExportedCmdlets.Keys.OrderBy(c => c));
    }

    [Fact]
    public void The_repository_root_manifest_imports_the_built_module()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var root = Path.Combine(ModuleSession.RepoRoot, "Accounting.Integrations.psd1");
        // -PassThru gives the root module and the built folder it loads as its nested module; the root exports.
        var module = ps.AddCommand("Import-Module").AddParameter("Name", root).AddParameter("PassThru").Invoke<PSModuleInfo>()
            .Single(m => Path.GetFullPath(m.Path) == Path.GetFullPath(root));
        Assert.False(ps.HadErrors);
        Assert.Equal(CmdletsInAssembly(), module.ExportedCmdlets.Keys.OrderBy(c => c));
    }

    [Fact]
    public void The_repository_root_manifest_passes_too()
    {
        var result = session.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", Path.Combine(ModuleSession.RepoRoot, "Accounting.Integrations.psd1"));
        result.ShouldSucceed();
    }

    [Fact]
    public void The_built_manifest_s_lists_are_one_expression_each_not_a_statement_per_item()
    {
        // Import-Module compiles the manifest before it reads it: 78 names as 78 statements (no commas) cost it a
        // statement, an output pipe and a trap frame each; one array literal is one constant expression.
        var ast = System.Management.Automation.Language.Parser.ParseFile(ModuleSession.ModuleManifest, out _, out var errors);
        Assert.Empty(errors);
        var table = (System.Management.Automation.Language.HashtableAst)ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false);
        foreach (var (key, value) in table.KeyValuePairs)
        {
            var statements = value.FindAll(a => a is System.Management.Automation.Language.ArrayExpressionAst, true)
                .Cast<System.Management.Automation.Language.ArrayExpressionAst>().Select(e => e.SubExpression.Statements.Count);
            Assert.All(statements, count => Assert.True(count <= 1, $"{key}: {count} statements in one @(…)"));
        }
    }

    [Fact]
    public void The_manifest_lists_every_cmdlet_by_name_and_every_cmdlet_is_exported()
    {
        var text = File.ReadAllText(ModuleSession.ModuleManifest);
        Assert.DoesNotContain("*", text.Split("CmdletsToExport")[1].Split(')')[0]);
        var commands = session.Run("Get-Command -Module Accounting.Integrations | ForEach-Object Name");
        commands.ShouldSucceed();
        var cmdlets = CmdletsInAssembly();
        Assert.True(cmdlets.Length >= 15);
        Assert.Equal(cmdlets, commands.Output.Select(o => o.ToString()).OrderBy(c => c));
    }

    [Fact]
    public void Every_Connect_cmdlet_has_the_documented_NoRateLimit_switch()
    {
        var result = session.Run("""
            Get-Command -Module Accounting.Integrations -Verb Connect | ForEach-Object {
                $p = $_.Parameters['NoRateLimit']
                $help = (Get-Help $_.Name -Parameter NoRateLimit -ErrorAction SilentlyContinue).Description.Text -join ' '
                '{0}|{1}|{2}' -f $_.Name, ($p.ParameterType -eq [switch]), ($help -match 'sandbox')
            }
            """);
        result.ShouldSucceed();
        Assert.Equal(new[] { "Connect-Billbee|True|True", "Connect-Billecta|True|True", "Connect-IFirma|True|True", "Connect-Lime|True|True", "Connect-Tripletex|True|True" },
            result.Output.Select(o => o.ToString()).OrderBy(t => t));
    }

    [Fact]
    public void The_module_folder_holds_no_PowerShell_engine_and_keeps_dependencies_apart()
    {
        var files = Directory.GetFiles(ModuleSession.ModuleFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        Assert.Equal(new[] { "Accounting.Integrations.dll" }, Directory.GetFiles(ModuleSession.ModuleFolder, "*.dll").Select(Path.GetFileName));
        foreach (var dependency in new[] { "Accounting.Integrations.Core.dll", "YamlDotNet.dll", "System.Text.Json.dll" })
            Assert.True(File.Exists(Path.Combine(ModuleSession.ModuleFolder, "dependencies", dependency)), dependency);
        // The retries are the transport's own loop: a resilience library's pipeline cost a few hundred JIT-compiled methods on the first call.
        Assert.DoesNotContain("Polly.Core.dll", files);
        Assert.True(File.Exists(Path.Combine(ModuleSession.ModuleFolder, "en-US", "Accounting.Integrations.dll-Help.xml")));
    }

    [Fact]
    public void The_core_loads_in_the_module_s_own_load_context()
    {
        var result = session.Run(ModuleSession.ConnectBillbee + """
            $core = (Get-Command Connect-Billbee).ImplementingType.Assembly.GetReferencedAssemblies() | Where-Object Name -eq 'Accounting.Integrations.Core'
            [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Accounting.Integrations.Core' } |
                ForEach-Object { $_.GetName().Name + '=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
            """);
        result.ShouldSucceed();
        var contexts = result.Output.Select(o => o.ToString()).ToList();
        Assert.Contains("Accounting.Integrations.Core=Accounting.Integrations", contexts);
    }

    [Fact]
    public void PowerShell_7_loads_the_ReadyToRun_core_built_for_its_OS_and_architecture_and_the_IL_core_stays_beside_it()
    {
        // The build compiles the core ahead of time for its own machine (dependencies/<os>-<arch>/); the IL copy stays for
        // Windows PowerShell 5.1 and every other OS and architecture.
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var native = Path.Combine(ModuleSession.ModuleFolder, "dependencies", os + "-" + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant());
        Assert.True(File.Exists(Path.Combine(native, "Accounting.Integrations.Core.dll")), native);
        Assert.True(File.Exists(Path.Combine(ModuleSession.ModuleFolder, "dependencies", "Accounting.Integrations.Core.dll")));
        var result = session.Run(ModuleSession.ConnectBillbee + """
            [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Accounting.Integrations.Core' } | ForEach-Object Location
            """);
        result.ShouldSucceed();
        Assert.Equal(Path.GetFullPath(Path.Combine(native, "Accounting.Integrations.Core.dll")), Path.GetFullPath(result.Output.Single().ToString()));
    }

    [Fact]
    public void Cold_import_time_is_measured()
    {
        // A figure for the closing note, not a timed assertion: a fresh runspace, then the import alone.
        var open = Stopwatch.StartNew();
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        open.Stop();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var import = Stopwatch.StartNew();
        ps.AddCommand("Import-Module").AddParameter("Name", ModuleSession.ModuleManifest).Invoke();
        import.Stop();
        Assert.False(ps.HadErrors);
        output.WriteLine($"runspace open {open.ElapsedMilliseconds} ms; Import-Module {import.ElapsedMilliseconds} ms (first in process: {session.ImportTime.TotalMilliseconds:0} ms)");
    }
}
