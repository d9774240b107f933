using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// Where a named incremental read got to: the command and query it belongs to, and the last record
    /// it emitted (an opaque position, e.g. the last order id). Holds no secret.
    /// </summary>
    public sealed class Checkpoint
    {
        public string Name { get; set; }
        public string Command { get; set; }
        /// <summary>The query's parameters; a checkpoint resumes only the query it was made for.</summary>
        public string Query { get; set; }
        public string Position { get; set; }
        public long Emitted { get; set; }
        public DateTimeOffset Created { get; set; }
        public DateTimeOffset Updated { get; set; }
        public string Path { get; set; }

        public override string ToString() => $"{Name}: {Command} at {Position ?? "(start)"} ({Emitted} emitted)";
    }

    /// <summary>Checkpoints as one small JSON file each, next to the profile file, written atomically (0600 on Unix).</summary>
    public sealed class CheckpointStore
    {
        static readonly Regex ValidName = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

        /// <summary>A checkpoint is a few hundred bytes; anything bigger is not one.</summary>
        const long MaxBytes = 1024 * 1024;

        public CheckpointStore(string folder = null)
        {
            Folder = folder ?? System.IO.Path.Combine(ConfigPaths.ConfigFolder, "checkpoints");
        }

        public string Folder { get; }

        public static string Problem(string name) =>
            name != null && ValidName.IsMatch(name) ? null : $"Checkpoint name '{name}' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 64).";

        string FileOf(string name) => System.IO.Path.Combine(Folder, name + ".json");

        public Checkpoint Get(string name)
        {
            var path = FileOf(name);
            return File.Exists(path) ? Read(path) : null;
        }

        public IReadOnlyList<Checkpoint> List() =>
            Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json").Select(Read).Where(c => c != null).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList() : new List<Checkpoint>();

        public void Save(Checkpoint checkpoint)
        {
            var problem = Problem(checkpoint.Name);
            if (problem != null) throw new ArgumentException(problem, nameof(checkpoint));
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteNumber("schemaVersion", 1);
                    w.WriteString("name", checkpoint.Name);
                    w.WriteString("command", checkpoint.Command);
                    w.WriteString("query", checkpoint.Query);
                    w.WriteString("position", checkpoint.Position);
                    w.WriteNumber("emitted", checkpoint.Emitted);
                    w.WriteString("created", checkpoint.Created);
                    w.WriteString("updated", checkpoint.Updated);
                    w.WriteEndObject();
                }
                PrivateFile.WriteAllBytes(FileOf(checkpoint.Name), buffer.ToArray());
            }
            checkpoint.Path = FileOf(checkpoint.Name);
        }

        /// <summary>
        /// The one reader of a checkpoint at a time: a second read of the same checkpoint would deliver the same
        /// records again. Does not wait: a second reader fails with <see cref="FileProblem.InUse"/>.
        /// </summary>
        public FileLock LockForReading(string name) => SafeFile.Lock(FileOf(name), TimeSpan.Zero, purpose: "read");

        public bool Remove(string name)
        {
            var path = FileOf(name);
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }

        static Checkpoint Read(string path)
        {
            try
            {
                using (var doc = JsonDocument.Parse(SafeFile.ReadAllText(path, MaxBytes)))
                {
                    var r = doc.RootElement;
                    string S(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    return new Checkpoint
                    {
                        Name = S("name") ?? System.IO.Path.GetFileNameWithoutExtension(path), Command = S("command"), Query = S("query"), Position = S("position"),
                        Emitted = r.TryGetProperty("emitted", out var e) && e.TryGetInt64(out var n) ? n : 0,
                        Created = r.TryGetProperty("created", out var c) && c.TryGetDateTimeOffset(out var cd) ? cd : File.GetCreationTimeUtc(path),
                        Updated = r.TryGetProperty("updated", out var u) && u.TryGetDateTimeOffset(out var ud) ? ud : File.GetLastWriteTimeUtc(path),
                        Path = path,
                    };
                }
            }
            catch (FileAccessException ex)
            {
                throw new InvalidDataException($"The checkpoint file could not be read: {ex.Message}", ex);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The checkpoint file {path} is not valid JSON ({ex.Message}); remove it with Clear-IntegrationState -Checkpoint.", ex);
            }
        }
    }
}
