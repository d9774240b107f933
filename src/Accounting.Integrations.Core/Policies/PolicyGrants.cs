using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>A policy section whose part an API can change: what Set-IntegrationPolicy would grant, planned with read calls only.</summary>
    public interface IPolicyGrants : IPolicySection
    {
        /// <summary>A warning before anything is read (e.g. its part cannot be applied without a connection), or null.</summary>
        string ApplyWarning(PolicyDocument desired, PolicyInputs inputs);

        /// <summary>The grants that would bring its part to the document, from the comparison before any change.</summary>
        Task<PolicyGrantPlan> PlanAsync(PolicyDocument desired, PolicyInputs inputs, IReadOnlyList<PolicyComparison> before, CancellationToken cancellationToken);
    }

    /// <summary>One change at a service: what ShouldProcess shows, the call, and what -Verbose says after it.</summary>
    public sealed class PolicyGrant
    {
        public string Target { get; set; }
        public string Action { get; set; }
        public string Done { get; set; }
        public Func<CancellationToken, Task> ApplyAsync { get; set; }
    }

    /// <summary>
    /// The grants in the order they are made, and the one (if any) that would take from the caller the rights every later
    /// grant needs: refused unless -AllowSelfLockout, which makes it last.
    /// </summary>
    public sealed class PolicyGrantPlan
    {
        public List<PolicyGrant> Grants { get; } = new List<PolicyGrant>();
        public PolicyGrant SelfLockout { get; set; }
        /// <summary>Why <see cref="SelfLockout"/> is refused, starting "Refused: the" and ending " Nothing was changed.".</summary>
        public string SelfLockoutMessage { get; set; }
        public string SelfLockoutFix { get; set; }
        /// <summary>The error record's target (e.g. the employee id).</summary>
        public object SelfLockoutTarget { get; set; }
    }
}
