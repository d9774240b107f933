using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Policies
{
    /// <summary>Tripletex's source for Compare- and Set-IntegrationPolicy, and what Set- grants with (read by <see cref="TripletexPolicySection"/>).</summary>
    public abstract partial class PolicyComparisonCmdlet
    {
        [Parameter]
        public TripletexConnection TripletexConnection { get; set; }
    }

    /// <summary>New-IntegrationPolicy's tripletex: entry (added by <see cref="TripletexPolicySection.AddFromInputs"/>).</summary>
    public sealed partial class NewIntegrationPolicy
    {
        /// <summary>The Tripletex employee the integration's key belongs to; adds a tripletex: entry.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TripletexEmployeeId { get; set; }

        [Parameter]
        public string TripletexEmployee { get; set; }

        [Parameter]
        [ValidateSet("NONE_PRIVILEGES", "ALL_PRIVILEGES", "INVOICING_MANAGER", "PERSONELL_MANAGER", "ACCOUNTANT", "AUDITOR", "DEPARTMENT_LEADER")]
        public string TripletexTemplate { get; set; }

        [Parameter]
        public string[] TripletexEntitlement { get; set; }
    }
}
