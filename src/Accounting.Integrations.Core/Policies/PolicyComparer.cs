using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// The diff of a desired policy document against what was observed: each registered section's rows
    /// (<see cref="IPolicySection.Compare"/>) in the registration order. Observed beats declared; a declared cell
    /// that agrees is Declared, never Match (nobody observed it); what no source shows is Unverified.
    /// </summary>
    public static class PolicyComparer
    {
        public static IReadOnlyList<PolicyComparison> Compare(PolicyDocument desired, PolicyObservation observed) =>
            PolicySections.All.SelectMany(s => s.Compare(desired, observed)).ToList();

        /// <summary>The verdict of one cell from what is wanted and what was seen.</summary>
        public static PolicyStatus Verdict(bool desired, PolicyRightState actual) =>
            actual == PolicyRightState.Unknown ? PolicyStatus.Unverified
            : actual == PolicyRightState.Granted ? (desired ? PolicyStatus.Match : PolicyStatus.Excess)
            : desired ? PolicyStatus.Missing : PolicyStatus.Match;

        /// <summary>Agreement taken from a declared-actual file is only declared, not matched.</summary>
        public static PolicyStatus Sourced(PolicyStatus verdict, string source) =>
            verdict == PolicyStatus.Match && source == "Declared" ? PolicyStatus.Declared : verdict;
    }
}
