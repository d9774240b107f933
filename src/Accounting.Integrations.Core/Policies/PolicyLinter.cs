using System.Collections.Generic;

namespace Accounting.Integrations.Core.Policies
{
    public enum PolicyFindingSeverity { Error, Warning }

    /// <summary>One problem the offline lint found: a stable rule id, where, what and how to fix it.</summary>
    public sealed class PolicyLintFinding
    {
        public string Rule { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal PolicyFindingSeverity Severity { get; set; }
        public string Policy { get; set; }
        public string Group { get; set; }
        public int Line { get; set; }
        public string Message { get; set; }
        public string Fix { get; set; }
        public string Path { get; set; }

        public override string ToString() => $"{Severity} {Rule}: {Message}";
    }

    /// <summary>The findings of one lint run, and what the rules may need besides the document.</summary>
    public sealed class PolicyLint
    {
        readonly PolicyDocument _doc;

        internal PolicyLint(PolicyDocument doc, IReadOnlyDictionary<string, IReadOnlyCollection<string>> templateTables)
        {
            _doc = doc;
            TemplateTables = templateTables;
        }

        /// <summary>Tables each named baseline covers; null when the caller has no baselines.</summary>
        public IReadOnlyDictionary<string, IReadOnlyCollection<string>> TemplateTables { get; }

        public List<PolicyLintFinding> Findings { get; } = new List<PolicyLintFinding>();

        public void Add(string rule, PolicyFindingSeverity severity, string policy, string group, int line, string message, string fix) =>
            Findings.Add(new PolicyLintFinding { Rule = rule, Severity = severity, Policy = policy, Group = group, Line = line, Message = message, Fix = fix, Path = _doc.SourcePath });
    }

    /// <summary>
    /// Offline checks of a policy document: the schema version here, then each registered section's rules
    /// (<see cref="IPolicySection.Lint"/>) in the registration order.
    /// </summary>
    public static class PolicyLinter
    {
        /// <param name="templateTables">Tables each named baseline covers; a document made from a baseline must keep covering them.</param>
        public static IReadOnlyList<PolicyLintFinding> Lint(PolicyDocument doc, IReadOnlyDictionary<string, IReadOnlyCollection<string>> templateTables = null)
        {
            var lint = new PolicyLint(doc, templateTables);
            if (doc.SchemaVersion == null)
                lint.Add("PL001", PolicyFindingSeverity.Error, null, null, 1, "The document has no schemaVersion.", $"Add 'schemaVersion: {PolicyDocument.CurrentSchemaVersion}' as the first line.");
            foreach (var section in PolicySections.All) section.Lint(doc, lint);
            return lint.Findings;
        }
    }
}
