using System;
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
        static readonly string[] SharedKeys = { "schemaVersion", "application", "templates", "tables" };
        static readonly string[] AttestationKeys = { "attestedBy", "attestedOn" };

        /// <summary>Every top-level key: the shared ones, each registered section's, then the attestation.</summary>
        static string[] TopKeys => SharedKeys.Concat(PolicySections.All.SelectMany(s => s.Keys)).Concat(AttestationKeys).ToArray();

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
            if (!(stream.Documents[0].RootNode is YamlMappingNode root)) throw new PolicyDocumentException(source, PolicyYaml.Line(stream.Documents[0].RootNode), "the document must be a mapping (schemaVersion:, groups:, policies:).");

            var yaml = new PolicyYaml(source);
            var doc = new PolicyDocument();
            yaml.OnlyKeys(root, TopKeys, "");
            var version = yaml.Scalar(root, "schemaVersion");
            if (version != null)
            {
                if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    throw yaml.Error(PolicyYaml.Child(root, "schemaVersion"), $"schemaVersion '{version}' is not a whole number.");
                if (v != PolicyDocument.CurrentSchemaVersion)
                    throw yaml.Error(PolicyYaml.Child(root, "schemaVersion"), $"schemaVersion {v} is not supported; this module reads {PolicyDocument.CurrentSchemaVersion}.");
                doc.SchemaVersion = v;
            }
            doc.Application = yaml.Scalar(root, "application");
            // A declared-actual document names who transcribed it and when, so a report can say who attested it.
            doc.AttestedBy = yaml.Scalar(root, "attestedBy");
            var attestedOn = yaml.Scalar(root, "attestedOn");
            if (attestedOn != null)
            {
                if (!DateTime.TryParseExact(attestedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                    throw yaml.Error(PolicyYaml.Child(root, "attestedOn"), $"attestedOn '{attestedOn}' is not a date (yyyy-MM-dd).");
                doc.AttestedOn = on;
            }
            doc.Templates.AddRange(yaml.Strings(PolicyYaml.Child(root, "templates"), "templates"));
            doc.Tables.AddRange(yaml.Strings(PolicyYaml.Child(root, "tables"), "tables"));
            foreach (var section in PolicySections.All) section.Read(yaml, root, doc);
            return doc;
        }
    }
}
