using System.Runtime.CompilerServices;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>
/// This test run's state folder: a temporary one unless ACCOUNTING_INTEGRATIONS_CONFIG is set already (a test's own
/// <see cref="TemporaryConfigFolder"/> restores it). The module's connections share each account's budget through a ledger
/// file under throttle/, which the runs left in ~/.config by the thousand. The module's default is unchanged.
/// </summary>
static class TestStateFolder
{
    const string Variable = "ACCOUNTING_INTEGRATIONS_CONFIG";

    [ModuleInitializer]
    internal static void UseATemporaryOne()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        var folder = Directory.CreateTempSubdirectory("ai-module-tests-").FullName;
        Environment.SetEnvironmentVariable(Variable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }
}
