namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// What could be learnt about the actual state, source by source: a declared-actual document here, and each
    /// service's own sources in its part of this class (in its folder). A source left null or empty is simply not known.
    /// </summary>
    public sealed partial class PolicyObservation
    {
        public PolicyDocument Declared { get; set; }
    }
}
