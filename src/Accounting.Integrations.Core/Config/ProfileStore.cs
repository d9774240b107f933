using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// The YAML profile file: named profiles with plain settings and secret references only. A setting
    /// whose name says it is a secret is refused, so a secret value cannot be saved by mistake.
    /// </summary>
    public sealed class ProfileStore
    {
        public const int SchemaVersion = 1;
        static readonly Regex SecretLikeName = new Regex("(?i)(password|secret|token|apikey|api_key|key$|authentication|authorization)");
        static readonly Regex ProfileName = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

        /// <summary>
        /// The profile file's own caps, above the module's general YAML caps: about 10 000 customers with five services
        /// each. <see cref="Write"/> refuses a file it could not read back.
        /// </summary>
        public const int MaxFileBytes = 16 * 1024 * 1024;
        public const long MaxFileNodes = 1_500_000;

        public ProfileStore(string path = null)
        {
            Path = path ?? ConfigPaths.ProfileFile;
        }

        public string Path { get; }

        public IReadOnlyList<IntegrationProfile> Load()
        {
            if (!File.Exists(Path)) return new IntegrationProfile[0];
            YamlStream stream;
            try { stream = YamlText.LoadFile(Path, MaxFileBytes, MaxFileNodes); }
            catch (YamlException ex)
            {
                throw new InvalidDataException($"The profile file {Path} is not valid YAML{(ex.Start.Line > 0 ? $" (line {ex.Start.Line})" : "")}: {ex.Message}");
            }
            catch (FileAccessException ex)
            {
                throw new InvalidDataException($"The profile file could not be read: {ex.Message}", ex);
            }
            if (stream.Documents.Count == 0) return new IntegrationProfile[0];
            var root = stream.Documents[0].RootNode as YamlMappingNode ?? throw new InvalidDataException($"The profile file {Path} must hold a mapping.");
            var version = Scalar(root, "schemaVersion");
            if (version != null && version != SchemaVersion.ToString())
                throw new InvalidDataException($"The profile file {Path} has schemaVersion {version}; this module reads {SchemaVersion}.");
            var result = new List<IntegrationProfile>();
            if (!(Child(root, "profiles") is YamlMappingNode profiles)) return result;
            foreach (var entry in profiles.Children)
            {
                var profile = new IntegrationProfile { Name = Key(entry.Key) };
                var body = entry.Value as YamlMappingNode;
                if (body != null)
                {
                    profile.Description = Scalar(body, "description");
                    if (Child(body, "services") is YamlMappingNode services)
                        foreach (var s in services.Children) profile.Services[Key(s.Key)] = ReadService(s.Value as YamlMappingNode);
                }
                result.Add(profile);
            }
            return result;
        }

        public IntegrationProfile Get(string name) =>
            Load().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Adds or replaces a profile after validating it.</summary>
        public void Save(IntegrationProfile profile) => Change(profile?.Name, _ => profile);

        /// <summary>
        /// Reads the file, lets <paramref name="change"/> turn the named profile (null when new) into its new form,
        /// validates it and writes the file, all under the file's lock: concurrent writers (other processes, other
        /// runspaces) take turns instead of overwriting each other's profiles.
        /// </summary>
        public IntegrationProfile Change(string name, Func<IntegrationProfile, IntegrationProfile> change) =>
            ChangeMany(all => new[] { change(all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) })[0];

        /// <summary>
        /// <see cref="Change"/> for many profiles at once (a bulk import): under the file's lock, <paramref name="change"/>
        /// gets every profile in the file as it is now and returns the profiles to add or replace; all of them are validated
        /// and the file is written once, or, when any is invalid, not at all. One read and one write for any number of
        /// profiles, where a profile at a time rewrites the whole, growing file each time.
        /// </summary>
        public IReadOnlyList<IntegrationProfile> ChangeMany(Func<IReadOnlyList<IntegrationProfile>, IReadOnlyList<IntegrationProfile>> change)
        {
            using (var held = SafeFile.Lock(Path, SafeFile.DefaultLockWait))
            {
                var all = Load().ToList();
                var changed = change(all) ?? new IntegrationProfile[0];
                // One profile (New-IntegrationProfile's) is named once, in front; of many, each problem names its profile.
                var one = changed.Count == 1;
                var problems = changed.SelectMany(p => Validate(p).Select(problem => one ? problem : $"Profile '{p?.Name}': {problem}")).ToList();
                var twice = changed.Where(p => p != null).GroupBy(p => p.Name ?? "", StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                if (twice.Count > 0) problems.Add($"Profile '{twice[0]}' is given more than once; give each profile once.");
                if (problems.Count > 0)
                    throw new ArgumentException((one ? $"The profile{(string.IsNullOrEmpty(changed[0]?.Name) ? "" : $" '{changed[0].Name}'")} is not valid: "
                        : "The profiles are not valid, so none was written: ") + string.Join(" ", problems), "profile");
                var replaced = new HashSet<string>(changed.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
                all.RemoveAll(p => replaced.Contains(p.Name));
                all.AddRange(changed);
                Write(all, held);
                return changed;
            }
        }

        public bool Remove(string name)
        {
            using (var held = SafeFile.Lock(Path, SafeFile.DefaultLockWait))
            {
                var all = Load().ToList();
                var removed = all.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (removed > 0) Write(all, held);
                return removed > 0;
            }
        }

        public static IList<string> Validate(IntegrationProfile profile)
        {
            var problems = new List<string>();
            if (profile == null) { problems.Add("No profile given."); return problems; }
            if (string.IsNullOrEmpty(profile.Name) || !ProfileName.IsMatch(profile.Name))
                problems.Add($"Profile name '{profile.Name}' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 64).");
            foreach (var service in profile.Services)
            {
                if (!ProfileSchema.Services.TryGetValue(service.Key, out var schema))
                {
                    problems.Add($"Service '{service.Key}' is not one of {string.Join(", ", ProfileSchema.Services.Keys)}.");
                    continue;
                }
                foreach (var name in service.Value.Settings.Keys.Where(k => !schema.Settings.Contains(k, StringComparer.OrdinalIgnoreCase) && !SecretLikeName.IsMatch(k)))
                    problems.Add($"Service '{service.Key}': '{name}' is not a setting it has; use {string.Join(", ", schema.Settings)}.");
                foreach (var name in service.Value.Secrets.Keys.Where(k => !schema.Secrets.Contains(k, StringComparer.OrdinalIgnoreCase)))
                    problems.Add($"Service '{service.Key}': '{name}' is not a secret it has; use {string.Join(", ", schema.Secrets)}.");
                foreach (var setting in service.Value.Settings)
                    if (SecretLikeName.IsMatch(setting.Key))
                        problems.Add($"Service '{service.Key}': setting '{setting.Key}' looks like a secret; store it as a secret reference (vault or environment variable), never as a value.");
                foreach (var secret in service.Value.Secrets)
                {
                    var problem = secret.Value?.Problem() ?? "is empty.";
                    if (secret.Value == null || secret.Value.Problem() != null) problems.Add($"Service '{service.Key}': secret '{secret.Key}' {problem}");
                }
            }
            return problems;
        }

        void Write(IEnumerable<IntegrationProfile> profiles, FileLock held)
        {
            var root = new YamlMappingNode { { "schemaVersion", SchemaVersion.ToString() } };
            var map = new YamlMappingNode();
            foreach (var p in profiles.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
            {
                var body = new YamlMappingNode();
                if (!string.IsNullOrEmpty(p.Description)) body.Add("description", p.Description);
                var services = new YamlMappingNode();
                foreach (var s in p.Services)
                {
                    var service = new YamlMappingNode();
                    if (s.Value.Settings.Count > 0)
                    {
                        var settings = new YamlMappingNode();
                        foreach (var kv in s.Value.Settings) settings.Add(kv.Key, kv.Value ?? "");
                        service.Add("settings", settings);
                    }
                    if (s.Value.Secrets.Count > 0)
                    {
                        var secrets = new YamlMappingNode();
                        foreach (var kv in s.Value.Secrets)
                        {
                            var reference = new YamlMappingNode();
                            if (kv.Value.IsEnvironment) reference.Add("env", kv.Value.EnvironmentVariable);
                            else
                            {
                                if (!string.IsNullOrEmpty(kv.Value.Vault)) reference.Add("vault", kv.Value.Vault);
                                reference.Add("secret", kv.Value.SecretName);
                            }
                            secrets.Add(kv.Key, reference);
                        }
                        service.Add("secrets", secrets);
                    }
                    services.Add(s.Key, service);
                }
                body.Add("services", services);
                map.Add(p.Name, body);
            }
            root.Add("profiles", map);
            using (var writer = new StringWriter())
            {
                writer.WriteLine("# Accounting.Integrations profiles. Secrets are references (vault or environment variable), never values.");
                new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
                // Never a file that Load would refuse: every later command would fail on it. Load caps bytes, not characters
                // (a description in ø or ł takes two), so the check is on the bytes written.
                var bytes = new System.Text.UTF8Encoding(false).GetBytes(writer.ToString());
                var nodes = root.AllNodes.LongCount();
                if (nodes > MaxFileNodes || bytes.Length > MaxFileBytes)
                    throw new ArgumentException($"The profile file would hold {map.Children.Count:N0} profiles in {bytes.Length / 1024 / 1024} MB and {nodes:N0} YAML nodes, more than it can be read with ({MaxFileBytes / 1024 / 1024} MB, {MaxFileNodes:N0} nodes); " +
                        "split the customers across workers with their own profile folders (ACCOUNTING_INTEGRATIONS_CONFIG). Nothing was written.", "profile");
                SafeFile.Write(Path, bytes, createFolder: true, held: held);
            }
        }

        ServiceSettings ReadService(YamlMappingNode node)
        {
            var result = new ServiceSettings();
            if (node == null) return result;
            if (Child(node, "settings") is YamlMappingNode settings)
                foreach (var kv in settings.Children) result.Settings[Key(kv.Key)] = (kv.Value as YamlScalarNode)?.Value;
            if (Child(node, "secrets") is YamlMappingNode secrets)
                foreach (var kv in secrets.Children)
                {
                    // Written by hand (an import file): 'env:VARIABLE' or 'vault:Vault/Secret' in one line. Any other scalar
                    // could be the secret itself: an empty reference, which Validate refuses without echoing it.
                    if (kv.Value is YamlScalarNode line)
                    {
                        result.Secrets[Key(kv.Key)] = SecretReference.Parse(line.Value) ?? new SecretReference();
                        continue;
                    }
                    var r = kv.Value as YamlMappingNode;
                    result.Secrets[Key(kv.Key)] = new SecretReference
                    {
                        EnvironmentVariable = r == null ? null : Scalar(r, "env"),
                        Vault = r == null ? null : Scalar(r, "vault"),
                        SecretName = r == null ? null : Scalar(r, "secret"),
                    };
                }
            return result;
        }

        string Key(YamlNode node) => node is YamlScalarNode scalar && scalar.Value != null ? scalar.Value
            : throw new InvalidDataException($"The profile file {Path} line {node.Start.Line}: a key must be a plain name, not a list or mapping.");

        static YamlNode Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

        static string Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
    }
}
