using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Accounting.Integrations.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>A policy document that cannot be read, with the file and line at fault.</summary>
    public sealed class PolicyDocumentException : FormatException
    {
        public PolicyDocumentException(string source, int line, string message)
            : base($"{source}{(line > 0 ? " line " + line.ToString(CultureInfo.InvariantCulture) : "")}: {message}")
        {
            Line = line;
        }

        public int Line { get; }
    }

    /// <summary>
    /// Reads the policy YAML. Structure errors (a typo'd key, a list where a map belongs, an unknown schema)
    /// stop the read with the line; rule problems (rights, naming, coverage) are the linter's to report.
    /// </summary>
    public static class PolicyDocumentReader
    {
        static readonly string[] TopKeys = { "schemaVersion", "application", "templates", "tables", "groups", "policies", "tripletex", "attestedBy", "attestedOn" };
        static readonly string[] PolicyKeys = { "name", "target", "grants", "justification" };
        static readonly string[] TripletexKeys = { "employeeId", "employee", "template", "entitlements" };

        public static PolicyDocument ReadFile(string path)
        {
            string text;
            try { text = SafeFile.ReadAllText(path, YamlText.MaxBytes); } // capped: /dev/zero or a 50 MB file is refused, not read whole
            catch (FileAccessException ex) { throw new PolicyDocumentException(path, 0, ex.Message); }
            var doc = Read(text, path);
            doc.SourcePath = path;
            return doc;
        }

        public static PolicyDocument Read(string text, string source = "policy document")
        {
            using (var reader = new StringReader(text)) return Read(reader, source);
        }

        public static PolicyDocument Read(TextReader text, string source)
        {
            YamlStream stream;
            try { stream = YamlText.Load(text); }
            catch (YamlException ex) { throw new PolicyDocumentException(source, (int)ex.Start.Line, "not valid YAML: " + ex.Message); }
            if (stream.Documents.Count == 0) throw new PolicyDocumentException(source, 0, "the document is empty; start from New-IntegrationPolicy.");
            if (!(stream.Documents[0].RootNode is YamlMappingNode root)) throw new PolicyDocumentException(source, Line(stream.Documents[0].RootNode), "the document must be a mapping (schemaVersion:, groups:, policies:).");

            var doc = new PolicyDocument();
            foreach (var entry in root.Children)
            {
                var key = Key(entry.Key, source);
                if (!TopKeys.Contains(key)) throw new PolicyDocumentException(source, Line(entry.Key), $"unknown key '{key}'; expected one of {string.Join(", ", TopKeys)}.");
            }
            var version = Scalar(root, "schemaVersion", source);
            if (version != null)
            {
                if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    throw new PolicyDocumentException(source, Line(Child(root, "schemaVersion")), $"schemaVersion '{version}' is not a whole number.");
                if (v != PolicyDocument.CurrentSchemaVersion)
                    throw new PolicyDocumentException(source, Line(Child(root, "schemaVersion")), $"schemaVersion {v} is not supported; this module reads {PolicyDocument.CurrentSchemaVersion}.");
                doc.SchemaVersion = v;
            }
            doc.Application = Scalar(root, "application", source);
            // A declared-actual document names who transcribed it from LISA and when, so a report can say who attested it.
            doc.AttestedBy = Scalar(root, "attestedBy", source);
            var attestedOn = Scalar(root, "attestedOn", source);
            if (attestedOn != null)
            {
                if (!DateTime.TryParseExact(attestedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                    throw new PolicyDocumentException(source, Line(Child(root, "attestedOn")), $"attestedOn '{attestedOn}' is not a date (yyyy-MM-dd).");
                doc.AttestedOn = on;
            }
            doc.Templates.AddRange(Strings(Child(root, "templates"), "templates", source));
            doc.Tables.AddRange(Strings(Child(root, "tables"), "tables", source));

            foreach (var node in Items(Child(root, "groups"), "groups", source))
            {
                if (!(node is YamlMappingNode g)) throw new PolicyDocumentException(source, Line(node), "each group is a mapping with name: and members:.");
                var group = new PolicyGroup { Name = Scalar(g, "name", source), Line = Line(g) };
                if (string.IsNullOrWhiteSpace(group.Name)) throw new PolicyDocumentException(source, Line(g), "a group has no name.");
                foreach (var m in Items(Child(g, "members"), "members", source))
                {
                    if (m is YamlScalarNode s) group.Members.Add(new PolicyMember { Name = s.Value });
                    else if (m is YamlMappingNode mm) group.Members.Add(new PolicyMember { Name = Scalar(mm, "name", source), UserType = Scalar(mm, "type", source) });
                    else throw new PolicyDocumentException(source, Line(m), "a member is a user name, or a mapping with name: and type:.");
                }
                doc.Groups.Add(group);
            }

            foreach (var node in Items(Child(root, "policies"), "policies", source))
            {
                if (!(node is YamlMappingNode p)) throw new PolicyDocumentException(source, Line(node), "each policy is a mapping with name:, target: and grants:.");
                foreach (var entry in p.Children)
                {
                    var key = Key(entry.Key, source);
                    if (!PolicyKeys.Contains(key)) throw new PolicyDocumentException(source, Line(entry.Key), $"unknown policy key '{key}'; expected one of {string.Join(", ", PolicyKeys)}.");
                }
                var rule = new PolicyRule { Name = Scalar(p, "name", source), Justification = Scalar(p, "justification", source), Line = Line(p) };
                if (string.IsNullOrWhiteSpace(rule.Name)) throw new PolicyDocumentException(source, Line(p), "a policy has no name.");
                switch (Child(p, "target"))
                {
                    case YamlMappingNode target:
                        rule.Table = Scalar(target, "table", source);
                        rule.Field = Scalar(target, "field", source);
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
                        throw new PolicyDocumentException(source, Line(Child(p, "target")), $"policy {rule.Name}: target is {{ table: <name> }} or {{ table: <name>, field: <name> }}.");
                }
                if (string.IsNullOrWhiteSpace(rule.Table)) throw new PolicyDocumentException(source, Line(p), $"policy {rule.Name} has no target table.");
                var grants = Child(p, "grants");
                if (grants != null && !(grants is YamlMappingNode)) throw new PolicyDocumentException(source, Line(grants), $"policy {rule.Name}: grants is a mapping of group name to rights, e.g. {{ \"Billecta webhook\": RWA }}.");
                if (grants is YamlMappingNode gm)
                    foreach (var grant in gm.Children)
                        rule.Grants[Key(grant.Key, source)] = grant.Value is YamlScalarNode r ? r.Value ?? "" : throw new PolicyDocumentException(source, Line(grant.Value), $"policy {rule.Name}: rights are letters from RWAD, e.g. RW.");
                doc.Policies.Add(rule);
            }

            foreach (var node in Items(Child(root, "tripletex"), "tripletex", source))
            {
                if (!(node is YamlMappingNode t)) throw new PolicyDocumentException(source, Line(node), "each tripletex entry is a mapping with employeeId:, template: and entitlements:.");
                foreach (var entry in t.Children)
                {
                    var key = Key(entry.Key, source);
                    if (!TripletexKeys.Contains(key)) throw new PolicyDocumentException(source, Line(entry.Key), $"unknown tripletex key '{key}'; expected one of {string.Join(", ", TripletexKeys)}.");
                }
                var idText = Scalar(t, "employeeId", source);
                var requirement = new TripletexRequirement { Label = Scalar(t, "employee", source), Template = Scalar(t, "template", source), Line = Line(t) };
                if (idText != null)
                {
                    if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                        throw new PolicyDocumentException(source, Line(t), $"employeeId '{idText}' is not a Tripletex employee id (a whole number).");
                    requirement.EmployeeId = id;
                }
                requirement.Entitlements.AddRange(Strings(Child(t, "entitlements"), "entitlements", source));
                doc.Tripletex.Add(requirement);
            }
            return doc;
        }

        static string Key(YamlNode node, string source) =>
            node is YamlScalarNode s ? s.Value : throw new PolicyDocumentException(source, Line(node), "keys must be plain names.");

        static YamlNode Child(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(e => e.Key is YamlScalarNode s && s.Value == key).Value;

        static string Scalar(YamlMappingNode map, string key, string source)
        {
            var node = Child(map, key);
            if (node == null) return null;
            if (node is YamlScalarNode s) return string.IsNullOrEmpty(s.Value) ? null : s.Value;
            throw new PolicyDocumentException(source, Line(node), $"'{key}' must be a single value.");
        }

        static IEnumerable<YamlNode> Items(YamlNode node, string key, string source)
        {
            if (node == null || node is YamlScalarNode s && string.IsNullOrEmpty(s.Value)) return Enumerable.Empty<YamlNode>();
            if (node is YamlSequenceNode seq) return seq.Children;
            throw new PolicyDocumentException(source, Line(node), $"'{key}' must be a list.");
        }

        static IEnumerable<string> Strings(YamlNode node, string key, string source) =>
            Items(node, key, source).Select(n => n is YamlScalarNode s ? s.Value : throw new PolicyDocumentException(source, Line(n), $"'{key}' holds plain values only."));

        static int Line(YamlNode node) => node == null ? 0 : (int)node.Start.Line;
    }
}
