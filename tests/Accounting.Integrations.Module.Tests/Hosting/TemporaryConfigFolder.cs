namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>
/// A fresh configuration folder (profiles, checkpoints, logs) for one test: ACCOUNTING_INTEGRATIONS_CONFIG points
/// at it until disposed, then is restored and the folder deleted. The variable is process-wide, which the
/// "Module" collection's one-at-a-time order makes safe.
/// </summary>
public sealed class TemporaryConfigFolder : IDisposable
{
    const string Variable = "ACCOUNTING_INTEGRATIONS_CONFIG";
    readonly string _previous = Environment.GetEnvironmentVariable(Variable);

    public TemporaryConfigFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        Environment.SetEnvironmentVariable(Variable, Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        Directory.Delete(Path, true);
    }
}
