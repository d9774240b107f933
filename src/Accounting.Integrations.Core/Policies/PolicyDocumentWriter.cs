using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Writes a policy document as reviewable YAML (the shared keys, then each section's: see <see cref="IPolicySection.Write"/>), readable back by <see cref="PolicyDocumentReader"/>.</summary>
    public static class PolicyDocumentWriter
    {
        static readonly Regex Plain = new Regex("^[A-Za-z0-9_][A-Za-z0-9_.@-]*$");

        public static string Write(PolicyDocument doc, string header = null)
        {
            var b = new StringBuilder();
            if (header != null)
                foreach (var line in header.Split('\n')) b.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
            b.Append("schemaVersion: ").Append((doc.SchemaVersion ?? PolicyDocument.CurrentSchemaVersion).ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (doc.Application != null) b.Append("application: ").Append(Quote(doc.Application)).Append('\n');
            if (doc.Templates.Count > 0) b.Append("templates: [").Append(string.Join(", ", doc.Templates.Select(Quote))).Append("]\n");
            if (doc.Tables.Count > 0) b.Append("tables: [").Append(string.Join(", ", doc.Tables.Select(Quote))).Append("]\n");
            foreach (var section in PolicySections.All) section.Write(doc, b);
            return b.ToString();
        }

        /// <summary>Plain when YAML reads it back as the same string; double-quoted (escaped) otherwise.</summary>
        public static string Quote(string value)
        {
            if (value == null) return "\"\"";
            if (Plain.IsMatch(value) && !IsYamlKeyword(value)) return value;
            var b = new StringBuilder("\"");
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') b.Append('\\').Append(c);
                // Control characters, NEL and the Unicode line/paragraph separators break a YAML line (found by fuzzing).
                else if (c < ' ' || c >= '\u007f' && c <= '\u009f' || c == '\u2028' || c == '\u2029' || c == '\ufeff')
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else b.Append(c);
            }
            return b.Append('"').ToString();
        }

        static bool IsYamlKeyword(string value) =>
            new[] { "true", "false", "yes", "no", "on", "off", "null", "y", "n" }.Contains(value.ToLowerInvariant());
    }
}
