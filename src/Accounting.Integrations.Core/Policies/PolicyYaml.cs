using System.Collections.Generic;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Reading one policy document's YAML nodes, each failure a <see cref="PolicyDocumentException"/> naming the source and line.</summary>
    public sealed class PolicyYaml
    {
        public PolicyYaml(string source)
        {
            Source = source;
        }

        public string Source { get; }

        public PolicyDocumentException Error(YamlNode node, string message) => new PolicyDocumentException(Source, Line(node), message);

        public string Key(YamlNode node) =>
            node is YamlScalarNode s ? s.Value : throw Error(node, "keys must be plain names.");

        /// <summary>Throws when the mapping holds a key outside <paramref name="keys"/>; <paramref name="what"/> is e.g. "policy " for "unknown policy key".</summary>
        public void OnlyKeys(YamlMappingNode map, IReadOnlyCollection<string> keys, string what)
        {
            foreach (var entry in map.Children)
            {
                var key = Key(entry.Key);
                if (!keys.Contains(key)) throw Error(entry.Key, $"unknown {what}key '{key}'; expected one of {string.Join(", ", keys)}.");
            }
        }

        public static YamlNode Child(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(e => e.Key is YamlScalarNode s && s.Value == key).Value;

        public string Scalar(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node == null) return null;
            if (node is YamlScalarNode s) return string.IsNullOrEmpty(s.Value) ? null : s.Value;
            throw Error(node, $"'{key}' must be a single value.");
        }

        public IEnumerable<YamlNode> Items(YamlNode node, string key)
        {
            if (node == null || node is YamlScalarNode s && string.IsNullOrEmpty(s.Value)) return Enumerable.Empty<YamlNode>();
            if (node is YamlSequenceNode seq) return seq.Children;
            throw Error(node, $"'{key}' must be a list.");
        }

        public IEnumerable<string> Strings(YamlNode node, string key) =>
            Items(node, key).Select(n => n is YamlScalarNode s ? s.Value : throw Error(n, $"'{key}' holds plain values only."));

        public static int Line(YamlNode node) => node == null ? 0 : (int)node.Start.Line;
    }
}
