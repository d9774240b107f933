using System;
using System.Collections.Generic;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// What could be learnt about the actual state, source by source (lime.md §8.3): a declared-actual
    /// document, read probes with one integration user's own key, Lime's user list, Tripletex's
    /// entitlements. A source left null is simply not known.
    /// </summary>
    public sealed class PolicyObservation
    {
        public PolicyDocument Declared { get; set; }
        /// <summary>The user whose key made the probes; its results are attributed to the one declared group it is a member of.</summary>
        public string ProbeUser { get; set; }
        /// <summary>Per target (table or table.field): whether the probe user could read it. Absent = not probed or inconclusive.</summary>
        public IDictionary<string, bool> Readable { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Why a target's probe was inconclusive (e.g. the table does not exist).</summary>
        public IDictionary<string, string> ProbeNotes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<LimeUser> Users { get; set; }
        public string UsersNote { get; set; }
        public IDictionary<int, IReadOnlyList<TripletexEntitlement>> Entitlements { get; } = new Dictionary<int, IReadOnlyList<TripletexEntitlement>>();
        public IDictionary<int, string> EntitlementNotes { get; } = new Dictionary<int, string>();
    }
}
