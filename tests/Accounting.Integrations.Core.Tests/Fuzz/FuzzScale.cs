namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>
/// Iteration counts: small in CI; FUZZ_SCALE=50 (see README, Performance) multiplies them for a deep run.
/// </summary>
static class FuzzScale
{
    static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SCALE"), out var s) && s > 0 ? s : 1;

    public static long Iter(long ciCount) => ciCount * Scale;
}
