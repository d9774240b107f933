using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Accounting.Integrations.Core.Tests.Layout;

/// <summary>
/// One service, one folder: a source file outside a service's own folders that names more than one service is
/// a file a new service would have to edit. Only the registration lists may (and the manifest, which exports
/// every cmdlet). The services are the sandbox's service folders, so a sixth service is counted on arrival.
/// </summary>
public class ServiceFolderTests(ITestOutputHelper output)
{
    /// <summary>The files that exist to list the services: adding one is a line in each.</summary>
    static readonly string[] Registrations =
    {
        "Accounting.Integrations.psd1",
        "src/Accounting.Integrations.Sandbox/SandboxServices.cs",
        "src/Accounting.Integrations/Sandbox/SandboxAccounts.cs",
        "src/Accounting.Integrations.Core/Services/IntegrationServices.cs",
    };

    /// <summary>
    /// Shared files that still name several services; the test fails when one no longer does, so the list only shrinks.
    /// The policy documents are one feature over two services (Lime's and Tripletex's rights in one file);
    /// ApiTransport's comments cite services' habits as the reasons for its rules.
    /// </summary>
    static readonly string[] NotYetSplit =
    {
        "src/Accounting.Integrations/Policies/NewIntegrationPolicy.cs",
        "src/Accounting.Integrations/Policies/PolicyComparisonCmdlet.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyObserver.cs",
        "src/Accounting.Integrations.Core/Http/ApiTransport.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyComparison.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyObservation.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyComparer.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyDocumentReader.cs",
        "src/Accounting.Integrations/Policies/SetIntegrationPolicy.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyReport.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyDocument.cs",
        "src/Accounting.Integrations.Core/Policies/PolicyLinter.cs",
    };

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Accounting.Integrations.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("No Accounting.Integrations.sln above " + AppContext.BaseDirectory);
    }

    internal static string[] Services(string root) =>
        Directory.GetDirectories(Path.Combine(root, "src", "Accounting.Integrations.Sandbox"))
            .Select(Path.GetFileName).Where(n => n is not ("Frame" or "bin" or "obj")).OrderBy(n => n).ToArray();

    /// <summary>Every shared file (outside a service folder) that names more than one service, with the services it names.</summary>
    internal static List<(string File, string[] Names)> SharedFilesNamingSeveral(string root)
    {
        var services = Services(root);
        // The name as a word of its own (any case), or as a part of a CamelCase name (ReadBillbee, SandboxLimeAccount).
        var patterns = services.Select(s => (s, new Regex(@"(?<![A-Za-z])(?i:" + Regex.Escape(s) + @")|(?<=[a-z])" + Regex.Escape(s)))).ToArray();
        var files = Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" || services.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .Append("Accounting.Integrations.psd1");
        var found = new List<(string, string[])>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(root, file));
            var named = patterns.Where(p => p.Item2.IsMatch(text)).Select(p => p.s).ToArray();
            if (named.Length > 1) found.Add((file, named));
        }
        return found;
    }

    [Fact]
    public void Only_the_registration_lists_name_more_than_one_service()
    {
        var root = RepoRoot();
        Assert.True(Services(root).Length >= 5, "the scan found the service folders: " + string.Join(", ", Services(root)));
        var found = SharedFilesNamingSeveral(root);
        foreach (var (file, names) in found) output.WriteLine($"{file}: {string.Join(", ", names)}");
        output.WriteLine($"{found.Count} shared files name more than one service ({found.Count(f => !Registrations.Contains(f.File))} outside the registration lists).");

        var unexpected = found.Select(f => f.File).Except(Registrations).Except(NotYetSplit).ToList();
        Assert.True(unexpected.Count == 0, "Shared files that name more than one service (move the service's part into its folder, or add it to a registration list): " + string.Join(", ", unexpected));
        var split = NotYetSplit.Except(found.Select(f => f.File)).ToList();
        Assert.True(split.Count == 0, "No longer naming several services; remove from NotYetSplit: " + string.Join(", ", split));
    }
}

/// <summary>The core's registration list is the one source of the service names profiles, onboarding and -Service use.</summary>
public class IntegrationServicesTests
{
    [Fact]
    public void Every_registered_service_brings_its_schema_and_onboarding_under_its_own_name()
    {
        var names = Accounting.Integrations.Core.Services.IntegrationServices.Names.ToArray();
        Assert.Equal(new[] { "Billecta", "Lime", "Tripletex", "Billbee", "IFirma" }, names); // the seeds' order, which onboarding reports in
        Assert.Equal(names, Accounting.Integrations.Core.Config.ProfileSchema.Order);
        foreach (var service in Accounting.Integrations.Core.Services.IntegrationServices.All)
        {
            Assert.Equal(service.Settings, Accounting.Integrations.Core.Config.ProfileSchema.Services[service.Name].Settings);
            Assert.Equal(service.Secrets, Accounting.Integrations.Core.Config.ProfileSchema.Services[service.Name].Secrets);
            using var onboarding = service.NewOnboarding();
            Assert.Equal(service.Name, onboarding.Service);
        }
    }

    [Fact]
    public void The_iFirma_key_names_exist_once_and_cover_every_key()
    {
        var secrets = Accounting.Integrations.Core.IFirma.IFirmaService.KeySecrets;
        Assert.Equal(new[] { "invoiceKey", "billKey", "subscriberKey", "expenseKey" }, secrets.Select(k => k.Secret));
        Assert.Equal(Accounting.Integrations.Core.IFirma.IFirmaKeys.All.OrderBy(k => k), secrets.Select(k => k.Key).OrderBy(k => k));
    }
}
