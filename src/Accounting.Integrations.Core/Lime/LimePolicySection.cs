using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// Lime's policy section: groups: and policies: in the document; observed by read probes with the integration
    /// user's own key (-ProbeConnection, -ProbeUser) and the administrator's user list (-LimeConnection); no API writes
    /// Lime policies, so Set-IntegrationPolicy gives a LISA checklist (<see cref="PolicyReport.Checklist"/>) for it.
    /// </summary>
    public sealed class LimePolicySection : IPolicySection
    {
        public static readonly LimePolicySection Instance = new LimePolicySection();

        /// <summary>The cmdlet parameters it reads (declared in the cmdlets' Lime folder).</summary>
        public const string AdminParameter = "LimeConnection", ProbeParameter = "ProbeConnection", ProbeUserParameter = "ProbeUser";

        static readonly string[] PolicyKeys = { "name", "target", "grants", "justification" };

        LimePolicySection() { }

        public string Service => "Lime";

        public IReadOnlyList<string> Keys { get; } = new[] { "groups", "policies" };

        public void Read(PolicyYaml yaml, YamlMappingNode root, PolicyDocument into)
        {
            foreach (var node in yaml.Items(PolicyYaml.Child(root, "groups"), "groups"))
            {
                if (!(node is YamlMappingNode g)) throw yaml.Error(node, "each group is a mapping with name: and members:.");
                var group = new PolicyGroup { Name = yaml.Scalar(g, "name"), Line = PolicyYaml.Line(g) };
                if (string.IsNullOrWhiteSpace(group.Name)) throw yaml.Error(g, "a group has no name.");
                foreach (var m in yaml.Items(PolicyYaml.Child(g, "members"), "members"))
                {
                    if (m is YamlScalarNode s) group.Members.Add(new PolicyMember { Name = s.Value });
                    else if (m is YamlMappingNode mm) group.Members.Add(new PolicyMember { Name = yaml.Scalar(mm, "name"), UserType = yaml.Scalar(mm, "type") });
                    else throw yaml.Error(m, "a member is a user name, or a mapping with name: and type:.");
                }
                into.Groups.Add(group);
            }

            foreach (var node in yaml.Items(PolicyYaml.Child(root, "policies"), "policies"))
            {
                if (!(node is YamlMappingNode p)) throw yaml.Error(node, "each policy is a mapping with name:, target: and grants:.");
                yaml.OnlyKeys(p, PolicyKeys, "policy ");
                var rule = new PolicyRule { Name = yaml.Scalar(p, "name"), Justification = yaml.Scalar(p, "justification"), Line = PolicyYaml.Line(p) };
                if (string.IsNullOrWhiteSpace(rule.Name)) throw yaml.Error(p, "a policy has no name.");
                switch (PolicyYaml.Child(p, "target"))
                {
                    case YamlMappingNode target:
                        rule.Table = yaml.Scalar(target, "table");
                        rule.Field = yaml.Scalar(target, "field");
                        break;
                    case YamlScalarNode target:
                        // Shorthand: "invoice" or "invoice.total".
                        var dot = target.Value.IndexOf('.');
                        rule.Table = dot < 0 ? target.Value : target.Value.Substring(0, dot);
                        rule.Field = dot < 0 ? null : target.Value.Substring(dot + 1);
                        break;
                    case null:
                        break;
                    default:
                        throw yaml.Error(PolicyYaml.Child(p, "target"), $"policy {rule.Name}: target is {{ table: <name> }} or {{ table: <name>, field: <name> }}.");
                }
                if (string.IsNullOrWhiteSpace(rule.Table)) throw yaml.Error(p, $"policy {rule.Name} has no target table.");
                var grants = PolicyYaml.Child(p, "grants");
                if (grants != null && !(grants is YamlMappingNode)) throw yaml.Error(grants, $"policy {rule.Name}: grants is a mapping of group name to rights, e.g. {{ \"Billecta webhook\": RWA }}.");
                if (grants is YamlMappingNode gm)
                    foreach (var grant in gm.Children)
                        rule.Grants[yaml.Key(grant.Key)] = grant.Value is YamlScalarNode r ? r.Value ?? "" : throw yaml.Error(grant.Value, $"policy {rule.Name}: rights are letters from RWAD, e.g. RW.");
                into.Policies.Add(rule);
            }
        }

        public void Write(PolicyDocument doc, StringBuilder b)
        {
            string Quote(string s) => PolicyDocumentWriter.Quote(s);
            if (doc.Groups.Count > 0)
            {
                b.Append("groups:\n");
                foreach (var g in doc.Groups)
                {
                    b.Append("  - name: ").Append(Quote(g.Name)).Append('\n');
                    b.Append("    members: [").Append(string.Join(", ", g.Members.Select(m => m.UserType == null ? Quote(m.Name) : "{ name: " + Quote(m.Name) + ", type: " + Quote(m.UserType) + " }"))).Append("]\n");
                }
            }
            if (doc.Policies.Count > 0)
            {
                b.Append("policies:\n");
                foreach (var p in doc.Policies)
                {
                    b.Append("  - name: ").Append(Quote(p.Name)).Append('\n');
                    b.Append("    target: { table: ").Append(Quote(p.Table));
                    if (p.IsField) b.Append(", field: ").Append(Quote(p.Field));
                    b.Append(" }\n");
                    b.Append("    grants: { ").Append(string.Join(", ", p.Grants.Select(g => Quote(g.Key) + ": " + Quote(g.Value)))).Append(" }\n");
                    if (p.Justification != null) b.Append("    justification: ").Append(Quote(p.Justification)).Append('\n');
                }
            }
        }

        /// <summary>A group both name gets the other's new members; a policy both name merges its grants.</summary>
        public void Merge(PolicyDocument into, PolicyDocument other)
        {
            foreach (var g in other.Groups)
            {
                var mine = into.Group(g.Name);
                if (mine == null) { into.Groups.Add(new PolicyGroup { Name = g.Name, Members = g.Members.ToList() }); continue; }
                foreach (var m in g.Members)
                    if (!mine.Members.Any(x => string.Equals(x.Name, m.Name, StringComparison.OrdinalIgnoreCase))) mine.Members.Add(m);
            }
            foreach (var p in other.Policies)
            {
                var mine = into.Policies.FirstOrDefault(x => string.Equals(x.Name, p.Name, StringComparison.OrdinalIgnoreCase));
                if (mine == null) { into.Policies.Add(p.Copy()); continue; }
                foreach (var grant in p.Grants) mine.Grants[grant.Key] = grant.Value;
                if (mine.Justification == null) mine.Justification = p.Justification;
            }
        }

        public void Lint(PolicyDocument doc, PolicyLint lint) => LimePolicyLint.Lint(doc, lint);

        /// <summary>New-IntegrationPolicy's Lime part comes from the baselines; no parameter adds to it.</summary>
        public PolicyInputProblem AddFromInputs(PolicyDocument doc, PolicyInputs inputs) => null;

        public PolicyInputProblem CheckInputs(PolicyInputs inputs) =>
            inputs.Get<LimeConnection>(ProbeParameter) != null && string.IsNullOrEmpty(inputs.Get<string>(ProbeUserParameter))
                ? new PolicyInputProblem(ProbeUserParameter, "-ProbeConnection needs -ProbeUser: the Lime user whose API key it holds (e.g. billectawebhook@api), so its reads can be matched to that user's group.")
                : null;

        public async Task ObserveAsync(PolicyDocument desired, PolicyInputs inputs, PolicyObservation into, Action<string> verbose, CancellationToken cancellationToken)
        {
            var probe = inputs.Get<LimeConnection>(ProbeParameter);
            if (probe != null)
            {
                var probeUser = inputs.Get<string>(ProbeUserParameter);
                verbose($"Probing read access as {probeUser}: one call per table.");
                await PolicyObserver.ProbeLimeAsync(desired, probe.Client, probeUser, into, cancellationToken).ConfigureAwait(false);
            }
            var admin = inputs.Get<LimeConnection>(AdminParameter);
            if (admin != null) await PolicyObserver.ReadLimeUsersAsync(admin.Client, into, cancellationToken).ConfigureAwait(false);
        }

        public IEnumerable<PolicyComparison> Compare(PolicyDocument desired, PolicyObservation observed) => LimePolicyComparer.Compare(desired, observed);

        public string ManualStepsWarning(IReadOnlyList<PolicyComparison> after) =>
            after.Any(c => c.Service == Service && c.Status != PolicyStatus.Match)
                ? "Lime policies cannot be written by any API; pass -ChecklistPath to get the LISA steps for what is Missing, Excess or Unverified."
                : null;
    }
}
