using System;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// The desired permissions of an integration, as a versioned YAML document (about_IntegrationPolicy):
    /// Lime groups and their members, policies with R/W/A/D per group, and Tripletex entitlements per
    /// integration employee. The same format declares an "actual" state transcribed from LISA.
    /// </summary>
    public sealed class PolicyDocument
    {
        public const int CurrentSchemaVersion = 1;

        public int? SchemaVersion { get; set; }
        public string Application { get; set; }
        /// <summary>Baselines the document was made from; every table they cover must stay covered.</summary>
        public List<string> Templates { get; } = new List<string>();
        /// <summary>Further tables the integration touches in this customer's setup (e.g. contact, lease).</summary>
        public List<string> Tables { get; } = new List<string>();
        public List<PolicyGroup> Groups { get; } = new List<PolicyGroup>();
        public List<PolicyRule> Policies { get; } = new List<PolicyRule>();
        public List<TripletexRequirement> Tripletex { get; } = new List<TripletexRequirement>();
        public string SourcePath { get; set; }
        /// <summary>In a declared-actual document: who transcribed it from LISA, and on which day (attestedBy:, attestedOn:).</summary>
        public string AttestedBy { get; set; }
        public DateTime? AttestedOn { get; set; }

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

        public PolicyGroup Group(string name) => Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Adds another document's groups, policies, tables and Tripletex requirements; a policy both name merges its grants.</summary>
        public void Merge(PolicyDocument other)
        {
            foreach (var t in other.Templates) if (!Templates.Contains(t, StringComparer.OrdinalIgnoreCase)) Templates.Add(t);
            foreach (var t in other.Tables) if (!Tables.Contains(t, StringComparer.OrdinalIgnoreCase)) Tables.Add(t);
            foreach (var g in other.Groups)
            {
                var mine = Group(g.Name);
                if (mine == null) { Groups.Add(new PolicyGroup { Name = g.Name, Members = g.Members.ToList() }); continue; }
                foreach (var m in g.Members)
                    if (!mine.Members.Any(x => string.Equals(x.Name, m.Name, StringComparison.OrdinalIgnoreCase))) mine.Members.Add(m);
            }
            foreach (var p in other.Policies)
            {
                var mine = Policies.FirstOrDefault(x => string.Equals(x.Name, p.Name, StringComparison.OrdinalIgnoreCase));
                if (mine == null) { Policies.Add(p.Copy()); continue; }
                foreach (var grant in p.Grants) mine.Grants[grant.Key] = grant.Value;
                if (mine.Justification == null) mine.Justification = p.Justification;
            }
            foreach (var t in other.Tripletex)
                if (!Tripletex.Any(x => x.EmployeeId == t.EmployeeId)) Tripletex.Add(t);
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
}
