using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// The one place the module reads YAML (profiles, policy documents, Lime's application_config.yaml), bounded:
    /// at most <see cref="MaxBytes"/> of text, <see cref="MaxDepth"/> levels of nesting and <see cref="MaxNodes"/>
    /// nodes with every alias counted as the nodes it stands for, so an alias bomb (a few hundred bytes that expand
    /// to billions of nodes, e.g. as a mapping key, which YamlDotNet hashes in full) is refused after a scan of its
    /// events instead of hanging. Every malformed input ends in one YamlException: YamlDotNet reports some (found
    /// by fuzzing: "templates: [b{ecta]") as InvalidOperationException and the like.
    /// </summary>
    internal static class YamlText
    {
        public const int MaxBytes = 4 * 1024 * 1024;
        public const int MaxDepth = 64;
        public const long MaxNodes = 100_000;

        /// <summary>A YAML file, read with <see cref="SafeFile"/>'s size cap.</summary>
        public static YamlStream LoadFile(string path, CancellationToken cancellation = default) =>
            Load(SafeFile.ReadAllText(path, MaxBytes), cancellation);

        /// <summary>
        /// A YAML file with caps of its own: the profile file of an MSP grows by about 115 nodes and 1.5 KB a customer, so
        /// 100 000 nodes would make it unreadable at about 870 customers. An alias bomb is still refused: the cap counts aliases expanded.
        /// </summary>
        public static YamlStream LoadFile(string path, int maxBytes, long maxNodes, CancellationToken cancellation = default) =>
            Load(SafeFile.ReadAllText(path, maxBytes), maxBytes, maxNodes, cancellation);

        public static YamlStream Load(TextReader reader, CancellationToken cancellation = default) => Load(ReadBounded(reader), cancellation);

        public static YamlStream Load(string text, CancellationToken cancellation = default) => Load(text, MaxBytes, MaxNodes, cancellation);

        static YamlStream Load(string text, int maxBytes, long maxNodes, CancellationToken cancellation)
        {
            if (text.Length > maxBytes) throw new YamlException($"The document is larger than {maxBytes / 1024 / 1024} MB; the module reads YAML up to that size.");
            var stream = new YamlStream();
            try
            {
                Check(text, maxNodes, cancellation);
                using (var reader = new StringReader(text)) stream.Load(reader);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException)
            {
                throw new YamlException(ex.Message, ex);
            }
            return stream;
        }

        /// <summary>Walks the event stream (the parser keeps no recursion) counting depth and nodes, aliases expanded.</summary>
        static void Check(string text, long maxNodes, CancellationToken cancellation)
        {
            var parser = new Parser(new StringReader(text));
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            var open = new Stack<(string Anchor, long Size, Mark Start)>();
            long total = 0, events = 0;
            void Add(long size, Mark at)
            {
                total += size;
                if (open.Count > 0) { var top = open.Pop(); open.Push((top.Anchor, top.Size + size, top.Start)); }
                if (total > maxNodes)
                    throw new YamlException(at, at, $"The document has more than {maxNodes:N0} nodes once its aliases (*name) are expanded; the module refuses it. Write the values out, or remove the aliases.");
            }
            while (parser.MoveNext())
            {
                if ((++events & 0xFF) == 0) cancellation.ThrowIfCancellationRequested();
                switch (parser.Current)
                {
                    case Scalar s:
                        Add(1, s.Start);
                        if (!s.Anchor.IsEmpty) sizes[s.Anchor.Value] = 1;
                        break;
                    case AnchorAlias a:
                        if (!sizes.TryGetValue(a.Value.Value, out var size))
                            throw new YamlException(a.Start, a.End, $"The alias *{a.Value.Value} refers to no complete anchor before it; the module refuses recursive or forward aliases.");
                        Add(size, a.Start);
                        break;
                    case NodeEvent start when start is SequenceStart || start is MappingStart:
                        if (open.Count >= MaxDepth)
                            throw new YamlException(start.Start, start.End, $"The document nests deeper than {MaxDepth} levels; the module refuses it.");
                        Add(1, start.Start);
                        open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, 1, start.Start));
                        break;
                    case SequenceEnd _:
                    case MappingEnd _:
                        var done = open.Pop();
                        if (done.Anchor != null) sizes[done.Anchor] = done.Size;
                        if (open.Count > 0) { var parent = open.Pop(); open.Push((parent.Anchor, parent.Size + done.Size - 1, parent.Start)); }
                        break;
                }
            }
        }

        /// <summary>Reads a TextReader to its end, refusing more than <see cref="MaxBytes"/> characters (a reader over a device never ends).</summary>
        static string ReadBounded(TextReader reader)
        {
            var text = new System.Text.StringBuilder();
            var buffer = new char[8192];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (text.Length + read > MaxBytes) throw new YamlException($"The document is larger than {MaxBytes / 1024 / 1024} MB; the module reads YAML up to that size.");
                text.Append(buffer, 0, read);
            }
            return text.ToString();
        }
    }
}
