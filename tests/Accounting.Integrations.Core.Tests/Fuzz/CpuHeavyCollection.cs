namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>
/// The fuzz properties and the soak keep both cores busy. They run alone, after the parallel tests, so the
/// timing-sensitive limiter tests never share the machine with them (on 2 cores they made a 429 appear).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavyCollection
{
    public const string Name = "CPU-heavy";
}
