using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// Sets values in Lime's application_config.yaml (lime.md §6) by editing lines, not by re-serialising:
    /// every other line, comment, blank line, key order, quoting and line ending stays byte for byte.
    /// Missing keys are added at the end of their parent, indented like the file.
    /// </summary>
    public sealed class ApplicationConfigEditor
    {
        static readonly Regex KeyLine = new Regex(@"^(?<indent> *)(?<key>""[^""]*""|'[^']*'|[^\s#'""\-][^:#]*?)\s*:(?<rest>(\s.*)?)$");
        readonly List<string> _lines;
        readonly string _newline;
        readonly bool _finalNewline;

        /// <summary>The largest application_config.yaml read (the YAML cap); real ones are a few kilobytes.</summary>
        public const int MaxBytes = Config.YamlText.MaxBytes;

        /// <summary>Takes the file's text; one that is not valid YAML, or exceeds the YAML caps (an alias bomb), is refused here, before any edit.</summary>
        public ApplicationConfigEditor(string text)
        {
            text = text ?? "";
            Parse(text);
            if (text.IndexOf('\t') >= 0 && Regex.IsMatch(text, @"^\t", RegexOptions.Multiline))
                throw new InvalidDataException("The file indents with tabs, which YAML does not allow; fix the indentation first.");
            _newline = text.Contains("\r\n") ? "\r\n" : "\n";
            _finalNewline = text.Length == 0 || text.EndsWith("\n", StringComparison.Ordinal);
            _lines = text.Length == 0 ? new List<string>() : text.Replace("\r\n", "\n").Split('\n').ToList();
            if (text.Length > 0 && _finalNewline) _lines.RemoveAt(_lines.Count - 1); // the empty piece after the last line break
            IndentUnit = DetectIndent();
        }

        public int IndentUnit { get; }

        public override string ToString() => string.Join(_newline, _lines) + (_finalNewline && _lines.Count > 0 ? _newline : "");

        /// <summary>Sets the scalar at <paramref name="path"/> (top-level key first). Returns false when it already had that value.</summary>
        public bool Set(IReadOnlyList<string> path, string value)
        {
            if (path == null || path.Count < 2) throw new ArgumentException("A path needs at least two keys.", nameof(path));
            int start = -1, end = _lines.Count, indent = -1;
            for (var depth = 0; depth < path.Count; depth++)
            {
                var found = FindChild(start, end, indent, path[depth]);
                if (found < 0)
                {
                    Insert(start, indent, path.Skip(depth).ToList(), value);
                    return true;
                }
                var match = KeyLine.Match(_lines[found]);
                var rest = match.Groups["rest"].Value;
                if (depth == path.Count - 1)
                {
                    var current = ScalarOf(rest);
                    if (current == value) return false;
                    if (BlockEnd(found, match.Groups["indent"].Length) > found + 1)
                        throw new InvalidDataException($"'{string.Join(".", path)}' holds a nested block in the file, not a value; edit it by hand.");
                    _lines[found] = match.Groups["indent"].Value + match.Groups["key"].Value + ": " + Quote(value) + TrailingComment(rest);
                    return true;
                }
                var restValue = StripComment(rest).Trim();
                if (restValue.Length > 0)
                    throw new InvalidDataException($"'{string.Join(".", path.Take(depth + 1))}' is written in a form this cmdlet does not edit ('{(restValue.StartsWith("{") ? "flow mapping" : restValue.StartsWith("&") || restValue.StartsWith("*") ? "anchor or alias" : "a value")}'); edit the file by hand.");
                indent = match.Groups["indent"].Length;
                start = found;
                end = BlockEnd(found, indent);
            }
            return true;
        }

        /// <summary>The children of the block that starts at <paramref name="parent"/> (or the document when -1), at its first child's indent.</summary>
        int FindChild(int parent, int end, int parentIndent, string key)
        {
            int childIndent = -1;
            for (var i = parent + 1; i < end; i++)
            {
                var m = KeyLine.Match(_lines[i]);
                if (!m.Success) continue;
                var ind = m.Groups["indent"].Length;
                if (ind <= parentIndent) break;
                if (childIndent < 0) childIndent = ind;
                if (ind != childIndent) continue;
                if (Unquote(m.Groups["key"].Value.Trim()) == key) return i;
            }
            return -1;
        }

        /// <summary>The line after the last one belonging to the block whose key line is <paramref name="line"/>.</summary>
        int BlockEnd(int line, int indent)
        {
            var end = line + 1;
            for (var i = line + 1; i < _lines.Count; i++)
            {
                var text = _lines[i];
                if (text.Trim().Length == 0 || text.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
                var ind = text.Length - text.TrimStart(' ').Length;
                if (ind <= indent) break;
                end = i + 1;
            }
            return end;
        }

        void Insert(int parent, int parentIndent, List<string> keys, string value)
        {
            // After the parent's last line of content, so that comments and blank lines before the next block stay with it.
            var at = parent < 0 ? _lines.Count : BlockEnd(parent, parentIndent);
            if (parent < 0) while (at > 0 && _lines[at - 1].Trim().Length == 0) at--;
            var indent = parentIndent < 0 ? 0 : ChildIndentOf(parent, parentIndent);
            var added = new List<string>();
            for (var i = 0; i < keys.Count; i++, indent += IndentUnit)
                added.Add(new string(' ', indent) + QuoteKey(keys[i]) + ":" + (i == keys.Count - 1 ? " " + Quote(value) : ""));
            _lines.InsertRange(at, added);
        }

        int ChildIndentOf(int parent, int parentIndent)
        {
            for (var i = parent + 1; i < _lines.Count; i++)
            {
                var m = KeyLine.Match(_lines[i]);
                if (!m.Success) continue;
                var ind = m.Groups["indent"].Length;
                return ind > parentIndent ? ind : parentIndent + IndentUnit;
            }
            return parentIndent + IndentUnit;
        }

        int DetectIndent()
        {
            foreach (var line in _lines)
            {
                var m = KeyLine.Match(line);
                if (m.Success && m.Groups["indent"].Length > 0) return m.Groups["indent"].Length;
            }
            return 2;
        }

        static string StripComment(string rest)
        {
            var trimmed = rest.TrimStart();
            if (trimmed.StartsWith("\"", StringComparison.Ordinal) || trimmed.StartsWith("'", StringComparison.Ordinal)) return rest;
            var hash = rest.IndexOf(" #", StringComparison.Ordinal);
            return hash < 0 ? rest : rest.Substring(0, hash);
        }

        static string TrailingComment(string rest)
        {
            var trimmed = rest.TrimStart();
            if (trimmed.StartsWith("\"", StringComparison.Ordinal) || trimmed.StartsWith("'", StringComparison.Ordinal))
            {
                var quote = trimmed[0];
                var close = trimmed.IndexOf(quote, 1);
                var after = close < 0 ? "" : trimmed.Substring(close + 1);
                return after.TrimStart().StartsWith("#", StringComparison.Ordinal) ? after : "";
            }
            var hash = rest.IndexOf(" #", StringComparison.Ordinal);
            return hash < 0 ? "" : rest.Substring(hash);
        }

        static string ScalarOf(string rest)
        {
            var v = StripComment(rest).Trim();
            if (v.StartsWith("\"", StringComparison.Ordinal))
            {
                var close = v.LastIndexOf('"');
                return close > 0 ? v.Substring(1, close - 1).Replace("\\\"", "\"").Replace("\\\\", "\\") : null;
            }
            if (v.StartsWith("'", StringComparison.Ordinal))
            {
                var close = v.LastIndexOf('\'');
                return close > 0 ? v.Substring(1, close - 1).Replace("''", "'") : null;
            }
            return v;
        }

        static string Unquote(string key) =>
            key.Length >= 2 && (key[0] == '"' || key[0] == '\'') && key[key.Length - 1] == key[0] ? key.Substring(1, key.Length - 2) : key;

        static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        static string QuoteKey(string key) => Regex.IsMatch(key, @"^[A-Za-z0-9_.\-]+$") ? key : Quote(key);

        static YamlStream Parse(string text)
        {
            try { return Config.YamlText.Load(text); }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new InvalidDataException($"not valid YAML{(ex.Start.Line > 0 ? $" (line {ex.Start.Line})" : "")}: {ex.Message}", ex);
            }
        }

        /// <summary>Reads a scalar by path with a real YAML parser: the check that an edit produced what it meant to.</summary>
        public static string Read(string text, IReadOnlyList<string> path)
        {
            var stream = Parse(text);
            YamlNode node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            foreach (var key in path)
            {
                if (!(node is YamlMappingNode map) || !map.Children.TryGetValue(new YamlScalarNode(key), out node)) return null;
            }
            return (node as YamlScalarNode)?.Value;
        }
    }
}
