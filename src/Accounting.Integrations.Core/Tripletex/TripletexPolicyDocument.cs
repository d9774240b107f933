using System.Collections.Generic;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Tripletex's part of the policy document: the entitlements per integration employee (tripletex:, read by <see cref="TripletexPolicySection"/>).</summary>
    public sealed partial class PolicyDocument
    {
        public List<TripletexRequirement> Tripletex { get; } = new List<TripletexRequirement>();
    }

    /// <summary>The entitlements a Tripletex integration employee should hold, and the template that grants them.</summary>
    public sealed class TripletexRequirement
    {
        public int EmployeeId { get; set; }
        public string Label { get; set; }
        public string Template { get; set; }
        /// <summary>Entitlement names (as Tripletex lists them) or numeric entitlement ids.</summary>
        public List<string> Entitlements { get; } = new List<string>();
        public int Line { get; set; }

        public static readonly string[] KnownTemplates =
            { "NONE_PRIVILEGES", "ALL_PRIVILEGES", "INVOICING_MANAGER", "PERSONELL_MANAGER", "ACCOUNTANT", "AUDITOR", "DEPARTMENT_LEADER" };
    }

    /// <summary>What Tripletex's entitlement API showed, per employee.</summary>
    public sealed partial class PolicyObservation
    {
        public IDictionary<int, IReadOnlyList<TripletexEntitlement>> Entitlements { get; } = new Dictionary<int, IReadOnlyList<TripletexEntitlement>>();
        public IDictionary<int, string> EntitlementNotes { get; } = new Dictionary<int, string>();
    }
}
