namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// Collects a <see cref="PolicyObservation"/> from the live sources, with read calls only. Each service's sources are
    /// in its own folder (a partial of this class), called by its section's <see cref="IPolicySection.ObserveAsync"/>.
    /// </summary>
    public static partial class PolicyObserver
    {
    }
}
