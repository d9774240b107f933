using System.Runtime.CompilerServices;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Tests;

/// <summary>
/// This test run's state folder: a temporary one unless ACCOUNTING_INTEGRATIONS_CONFIG is set already. Connections on the
/// real clock share their account's budget through a ledger file under its throttle/, which the runs left in ~/.config by
/// the thousand. The product's default (ConfigPaths) is unchanged; only this process points elsewhere.
/// </summary>
static class TestStateFolder
{
    [ModuleInitializer]
    internal static void UseATemporaryOne()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConfigPaths.OverrideVariable))) return;
        var folder = Directory.CreateTempSubdirectory("ai-core-tests-").FullName;
        Environment.SetEnvironmentVariable(ConfigPaths.OverrideVariable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }
}
