using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>The shipped baselines (module/policies/*.yml), by file name without extension.</summary>
    public sealed class PolicyBaselines
    {
        /// <summary>New-IntegrationPolicy's baseline when none is named: the integration package most setups start from.</summary>
        public static readonly string[] Default = { "billecta" };

        readonly string _directory;

        public PolicyBaselines(string directory)
        {
            _directory = directory;
        }

        public IReadOnlyList<string> Names =>
            Directory.Exists(_directory)
                ? Directory.GetFiles(_directory, "*.yml").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList()
                : (IReadOnlyList<string>)new string[0];

        public PolicyDocument Load(string name)
        {
            var path = Path.Combine(_directory, name + ".yml");
            if (!File.Exists(path)) throw new FileNotFoundException($"There is no baseline '{name}'; the module ships {string.Join(", ", Names)}.", path);
            return PolicyDocumentReader.ReadFile(path);
        }

        /// <summary>The tables each baseline covers, for the lint's coverage rule.</summary>
        public IReadOnlyDictionary<string, IReadOnlyCollection<string>> TablesByTemplate() =>
            Names.ToDictionary(n => n, n => (IReadOnlyCollection<string>)Load(n).Policies.Where(p => !p.IsField).Select(p => p.Table).ToList(), StringComparer.OrdinalIgnoreCase);
    }
}
