using System;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// The desired permissions of an integration, as a versioned YAML document (about_IntegrationPolicy). The shared
    /// part is here; each service that polices access rights adds its part (a partial of this class and an
    /// <see cref="IPolicySection"/>, in its own folder). The same format declares an "actual" state transcribed by hand.
    /// </summary>
    public sealed partial class PolicyDocument
    {
        public const int CurrentSchemaVersion = 1;

        public int? SchemaVersion { get; set; }
        public string Application { get; set; }
        /// <summary>Baselines the document was made from; every table they cover must stay covered.</summary>
        public List<string> Templates { get; } = new List<string>();
        /// <summary>Further tables the integration touches in this customer's setup (e.g. contact, lease).</summary>
        public List<string> Tables { get; } = new List<string>();
        public string SourcePath { get; set; }
        /// <summary>In a declared-actual document: who transcribed it, and on which day (attestedBy:, attestedOn:).</summary>
        public string AttestedBy { get; set; }
        public DateTime? AttestedOn { get; set; }

        /// <summary>Adds another document's tables and every section's part (see <see cref="IPolicySection.Merge"/>).</summary>
        public void Merge(PolicyDocument other)
        {
            foreach (var t in other.Templates) if (!Templates.Contains(t, StringComparer.OrdinalIgnoreCase)) Templates.Add(t);
            foreach (var t in other.Tables) if (!Tables.Contains(t, StringComparer.OrdinalIgnoreCase)) Tables.Add(t);
            foreach (var section in PolicySections.All) section.Merge(this, other);
        }
    }
}
