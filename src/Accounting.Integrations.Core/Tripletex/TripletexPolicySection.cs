using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// Tripletex's policy section: tripletex: in the document (entitlements per integration employee); observed by the
    /// entitlement API (-TripletexConnection) and applied by granting entitlement templates (<see cref="TripletexPolicyGrants"/>).
    /// New-IntegrationPolicy's -TripletexEmployeeId, -TripletexEmployee, -TripletexTemplate, -TripletexEntitlement add an entry.
    /// </summary>
    public sealed class TripletexPolicySection : IPolicyGrants
    {
        public static readonly TripletexPolicySection Instance = new TripletexPolicySection();

        /// <summary>The cmdlet parameters it reads (declared in the cmdlets' Tripletex folder).</summary>
        public const string ConnectionParameter = "TripletexConnection", EmployeeIdParameter = "TripletexEmployeeId",
            EmployeeParameter = "TripletexEmployee", TemplateParameter = "TripletexTemplate", EntitlementParameter = "TripletexEntitlement";

        static readonly string[] EntryKeys = { "employeeId", "employee", "template", "entitlements" };

        TripletexPolicySection() { }

        public string Service => "Tripletex";

        public IReadOnlyList<string> Keys { get; } = new[] { "tripletex" };

        public void Read(PolicyYaml yaml, YamlMappingNode root, PolicyDocument into)
        {
            foreach (var node in yaml.Items(PolicyYaml.Child(root, "tripletex"), "tripletex"))
            {
                if (!(node is YamlMappingNode t)) throw yaml.Error(node, "each tripletex entry is a mapping with employeeId:, template: and entitlements:.");
                yaml.OnlyKeys(t, EntryKeys, "tripletex ");
                var idText = yaml.Scalar(t, "employeeId");
                var requirement = new TripletexRequirement { Label = yaml.Scalar(t, "employee"), Template = yaml.Scalar(t, "template"), Line = PolicyYaml.Line(t) };
                if (idText != null)
                {
                    if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                        throw yaml.Error(t, $"employeeId '{idText}' is not a Tripletex employee id (a whole number).");
                    requirement.EmployeeId = id;
                }
                requirement.Entitlements.AddRange(yaml.Strings(PolicyYaml.Child(t, "entitlements"), "entitlements"));
                into.Tripletex.Add(requirement);
            }
        }

        public void Write(PolicyDocument doc, StringBuilder b)
        {
            string Quote(string s) => PolicyDocumentWriter.Quote(s);
            if (doc.Tripletex.Count == 0) return;
            b.Append("tripletex:\n");
            foreach (var t in doc.Tripletex)
            {
                b.Append("  - employeeId: ").Append(t.EmployeeId.ToString(CultureInfo.InvariantCulture)).Append('\n');
                if (t.Label != null) b.Append("    employee: ").Append(Quote(t.Label)).Append('\n');
                if (t.Template != null) b.Append("    template: ").Append(Quote(t.Template)).Append('\n');
                b.Append("    entitlements: [").Append(string.Join(", ", t.Entitlements.Select(Quote))).Append("]\n");
            }
        }

        public void Merge(PolicyDocument into, PolicyDocument other)
        {
            foreach (var t in other.Tripletex)
                if (!into.Tripletex.Any(x => x.EmployeeId == t.EmployeeId)) into.Tripletex.Add(t);
        }

        /// <summary>PL012: an employee id, a template Tripletex grants, and entitlements to compare.</summary>
        public void Lint(PolicyDocument doc, PolicyLint lint)
        {
            const PolicyFindingSeverity E = PolicyFindingSeverity.Error, W = PolicyFindingSeverity.Warning;
            foreach (var t in doc.Tripletex)
            {
                if (t.EmployeeId <= 0)
                    lint.Add("PL012", E, "tripletex", t.Label, t.Line, "A Tripletex entry has no employeeId.", "Give the integration employee's id (Get-TripletexEntitlement shows it as EmployeeId).");
                if (t.Template != null && !TripletexRequirement.KnownTemplates.Contains(t.Template))
                    lint.Add("PL012", E, "tripletex", t.Label, t.Line, $"Template {t.Template} is not one Tripletex grants.", "Use one of " + string.Join(", ", TripletexRequirement.KnownTemplates) + ".");
                if (t.Entitlements.Count == 0)
                    lint.Add("PL012", W, "tripletex", t.Label, t.Line, $"Employee {t.EmployeeId} lists no entitlements, so nothing can be compared.", "List the entitlements the integration needs (names or ids).");
            }
        }

        public PolicyInputProblem AddFromInputs(PolicyDocument doc, PolicyInputs inputs)
        {
            var template = inputs.Get<string>(TemplateParameter);
            var entitlements = inputs.Get<string[]>(EntitlementParameter);
            var label = inputs.Get<string>(EmployeeParameter);
            if (!inputs.IsBound(EmployeeIdParameter))
                return template != null || entitlements != null || label != null
                    ? new PolicyInputProblem(EmployeeIdParameter, "-TripletexTemplate, -TripletexEntitlement and -TripletexEmployee need -TripletexEmployeeId (the integration employee's id; Get-TripletexEntitlement shows it).")
                    : null;
            var requirement = new TripletexRequirement { EmployeeId = inputs.Get<int>(EmployeeIdParameter), Label = label, Template = template };
            requirement.Entitlements.AddRange(entitlements ?? new string[0]);
            doc.Tripletex.Add(requirement);
            return null;
        }

        public PolicyInputProblem CheckInputs(PolicyInputs inputs) => null;

        public Task ObserveAsync(PolicyDocument desired, PolicyInputs inputs, PolicyObservation into, Action<string> verbose, CancellationToken cancellationToken)
        {
            var connection = inputs.Get<TripletexConnection>(ConnectionParameter);
            return connection != null && desired.Tripletex.Count > 0
                ? PolicyObserver.ReadEntitlementsAsync(desired, connection.Client, into, cancellationToken)
                : Task.CompletedTask;
        }

        public IEnumerable<PolicyComparison> Compare(PolicyDocument desired, PolicyObservation observed) =>
            desired.Tripletex.SelectMany(r => TripletexPolicyComparer.Entitlements(r, observed));

        public string ManualStepsWarning(IReadOnlyList<PolicyComparison> after) => null;

        public string ApplyWarning(PolicyDocument desired, PolicyInputs inputs) =>
            desired.Tripletex.Any(t => t.Template != null) && inputs.Get<TripletexConnection>(ConnectionParameter) == null
                ? "The document names Tripletex templates but no -TripletexConnection was given: the Tripletex part is neither read nor applied."
                : null;

        public Task<PolicyGrantPlan> PlanAsync(PolicyDocument desired, PolicyInputs inputs, IReadOnlyList<PolicyComparison> before, CancellationToken cancellationToken) =>
            TripletexPolicyGrants.PlanAsync(desired, inputs.Get<TripletexConnection>(ConnectionParameter), before, cancellationToken);
    }
}
