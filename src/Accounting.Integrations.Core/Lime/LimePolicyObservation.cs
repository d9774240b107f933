using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>What Lime's sources showed (lime.md §8.3): read probes with one integration user's own key, and Lime's user list.</summary>
    public sealed partial class PolicyObservation
    {
        /// <summary>The user whose key made the probes; its results are attributed to the one declared group it is a member of.</summary>
        public string ProbeUser { get; set; }
        /// <summary>Per target (table or table.field): whether the probe user could read it. Absent = not probed or inconclusive.</summary>
        public IDictionary<string, bool> Readable { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Why a target's probe was inconclusive (e.g. the table does not exist).</summary>
        public IDictionary<string, string> ProbeNotes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<Lime.LimeUser> Users { get; set; }
        public string UsersNote { get; set; }
    }
}
