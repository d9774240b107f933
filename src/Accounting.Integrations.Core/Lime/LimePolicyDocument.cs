using System;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Lime's part of the policy document: groups and their members, and policies with R/W/A/D per group (read by <see cref="Lime.LimePolicySection"/>).</summary>
    public sealed partial class PolicyDocument
    {
        public List<PolicyGroup> Groups { get; } = new List<PolicyGroup>();
        public List<PolicyRule> Policies { get; } = new List<PolicyRule>();

        public PolicyGroup Group(string name) => Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// True when every group, member and grant equals the other document's: a declared-actual file like that
        /// was most likely copied from the desired one rather than transcribed from LISA.
        /// </summary>
        public bool HasSameCellsAs(PolicyDocument other)
        {
            string Key(PolicyDocument d) => string.Join("\n",
                d.Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(g => g.Name.ToLowerInvariant() + ":" + string.Join(",", g.Members.Select(m => m.Name.ToLowerInvariant()).OrderBy(m => m, StringComparer.Ordinal)))
                .Concat(d.Policies.OrderBy(p => p.Target, StringComparer.OrdinalIgnoreCase)
                    .Select(p => p.Target.ToLowerInvariant() + "=" + string.Join(",", p.Grants.Where(g => !string.IsNullOrEmpty(g.Value))
                        .Select(g => g.Key.ToLowerInvariant() + ":" + new string(g.Value.ToUpperInvariant().OrderBy(c => c).ToArray())).OrderBy(x => x, StringComparer.Ordinal)))));
            return other != null && Key(this) == Key(other);
        }
    }

    public sealed class PolicyGroup
    {
        public string Name { get; set; }
        public List<PolicyMember> Members { get; set; } = new List<PolicyMember>();
        public int Line { get; set; }
    }

    /// <summary>A group member; <see cref="UserType"/> (API, INTEGRATION, STANDARD…) is checked against Lime's user list when given.</summary>
    public sealed class PolicyMember
    {
        public string Name { get; set; }
        public string UserType { get; set; }
    }

    /// <summary>A Lime policy: its name, the table or field it is attached to, and each group's rights as written (e.g. "RWA").</summary>
    public sealed class PolicyRule
    {
        public string Name { get; set; }
        public string Table { get; set; }
        public string Field { get; set; }
        public IDictionary<string, string> Grants { get; } = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Why a Delete right is needed; D without one is flagged by the lint.</summary>
        public string Justification { get; set; }
        public int Line { get; set; }

        public bool IsField => !string.IsNullOrEmpty(Field);
        public string Target => IsField ? Table + "." + Field : Table;

        /// <summary>The rights a policy of this kind can hold: R, W, A, D on tables; R, W on fields (A and D are table-only).</summary>
        public string ApplicableRights => IsField ? "RW" : "RWAD";

        public bool Has(string group, char right) =>
            Grants.TryGetValue(group, out var rights) && rights != null && rights.IndexOf(right) >= 0;

        public PolicyRule Copy()
        {
            var copy = new PolicyRule { Name = Name, Table = Table, Field = Field, Justification = Justification, Line = Line };
            foreach (var g in Grants) copy.Grants[g.Key] = g.Value;
            return copy;
        }
    }
}
