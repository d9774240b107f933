namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>
/// The fuzz properties and the soak keep both cores busy. They run alone, after the parallel tests, so the tests
/// that still talk to the real-clock sandbox (bulk paging, Tripletex's rate-limit pause) do not share the cores with
/// them; the limiter's own tests run on a fake clock.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavyCollection
{
    public const string Name = "CPU-heavy";
}
