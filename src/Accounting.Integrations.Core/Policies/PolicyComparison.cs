namespace Accounting.Integrations.Core.Policies
{
    public enum PolicyRightState { Granted, Denied, Unknown }

    /// <summary>
    /// Match: observed (probe, user list, entitlement API) to be as the document wants. Declared: an actual-state
    /// file says so, nobody observed it. Missing / Excess: observed or declared to differ. Unverified: no source shows it.
    /// </summary>
    public enum PolicyStatus { Match, Declared, Missing, Excess, Unverified }

    /// <summary>One (policy, group, right) compared: what the document wants, what could be observed, and the verdict.</summary>
    public sealed class PolicyComparison
    {
        /// <summary>The service whose policy section made the row (<see cref="IPolicySection.Service"/>).</summary>
        public string Service { get; set; }
        /// <summary>What the section calls the policy: e.g. a policy name, "(users)" for group membership, "employee &lt;id&gt;".</summary>
        public string Policy { get; set; }
        /// <summary>What it applies to: e.g. a table or table.field, the user name for membership, an entitlement template.</summary>
        public string Target { get; set; }
        public string Group { get; set; }
        /// <summary>The right compared: e.g. R, W, A or D, "User" for membership, an entitlement.</summary>
        public string Right { get; set; }
        public bool Desired { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal PolicyRightState Actual { get; set; }
        internal PolicyStatus Status { get; set; }
        /// <summary>Where Actual came from: Declared (file), Probe, UserList, EntitlementApi, or None.</summary>
        public string Source { get; set; }
        public string Detail { get; set; }
        public string Fix { get; set; }

        public bool IsFinding => Status == PolicyStatus.Missing || Status == PolicyStatus.Excess;

        /// <summary>True when a source the module read itself showed this cell (not a declared-actual file).</summary>
        public bool IsObserved => Source == "Probe" || Source == "UserList" || Source == "EntitlementApi";

        public override string ToString() => $"{Status} {Service} {Policy} {Group} {Right}";
    }
}
