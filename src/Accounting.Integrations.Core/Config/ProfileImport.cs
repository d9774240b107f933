using System;
using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>One service's connection to import into a profile: what one New-IntegrationProfile call would save.</summary>
    public sealed class ProfileImportEntry
    {
        public string Profile { get; set; }
        public string Service { get; set; }
        public ServiceSettings Connection { get; set; } = new ServiceSettings();
        /// <summary>The profile's description; null leaves the saved one as it is.</summary>
        public string Description { get; set; }
        /// <summary>Where the entry came from, for messages: "row 3", "customers.yaml".</summary>
        public string Source { get; set; }
        /// <summary>The input it came by (Import-IntegrationProfile's Path or InputObject): the parameter its problems name.</summary>
        public string Parameter { get; set; }
    }

    /// <summary>
    /// A problem of an import and the parameter whose input it is about, carried beside the message: worked out from the
    /// message text, a profile name with "(-Path " in it named -Path for a piped row.
    /// </summary>
    public sealed class ProfileImportProblem
    {
        public ProfileImportProblem(string parameter, string message)
        {
            Parameter = parameter;
            Message = message ?? throw new ArgumentNullException(nameof(message));
        }

        public string Parameter { get; }
        public string Message { get; }
        public override string ToString() => Message;
    }

    /// <summary>
    /// Many profiles' connections saved in one write (Import-IntegrationProfile): the entries are checked together,
    /// merged into the profiles as they are in the file (a connection the file has is kept unless the same service is
    /// imported; replacing one needs force, as New-IntegrationProfile -Force), and <see cref="ProfileStore.ChangeMany"/>
    /// writes them all or nothing. <see cref="Merge"/> runs once on a snapshot, to refuse bad input before anything is
    /// asked or written, and again under the file's lock, so a writer that came in between keeps its change.
    /// </summary>
    public sealed class ProfileImport
    {
        /// <summary>How many problems a message lists before "and N more".</summary>
        public const int ProblemsShown = 10;

        readonly List<ProfileImportEntry> _entries = new List<ProfileImportEntry>();

        public IReadOnlyList<ProfileImportEntry> Entries => _entries;

        /// <summary>The distinct profile names, in the order first given.</summary>
        public IReadOnlyList<string> Profiles =>
            _entries.Select(e => e.Profile).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public void Add(ProfileImportEntry entry) => _entries.Add(entry ?? throw new ArgumentNullException(nameof(entry)));

        /// <summary>Every service of a profile (read from a file in the profile schema, or a profile object) as an entry each.</summary>
        public IList<ProfileImportProblem> AddProfile(IntegrationProfile profile, string source, string parameter)
        {
            var problems = new List<ProfileImportProblem>();
            if (profile.Services.Count == 0)
                problems.Add(new ProfileImportProblem(parameter, $"{source}: profile '{profile.Name}' has no services; a profile holds at least one service's connection."));
            foreach (var service in profile.Services)
                Add(new ProfileImportEntry
                {
                    Profile = profile.Name, Service = service.Key, Connection = service.Value ?? new ServiceSettings(), Description = profile.Description, Source = source, Parameter = parameter,
                });
            return problems;
        }

        /// <summary>
        /// Problems of the entries themselves, before any file is read: a connection given twice. Each names the parameter
        /// of the first entry it is about.
        /// </summary>
        public IList<ProfileImportProblem> Problems()
        {
            var problems = new List<ProfileImportProblem>();
            foreach (var twice in _entries.GroupBy(e => (e.Profile ?? "").ToLowerInvariant() + "\n" + (e.Service ?? "").ToLowerInvariant()).Where(g => g.Count() > 1))
            {
                var first = twice.First();
                problems.Add(new ProfileImportProblem(first.Parameter,
                    $"Profile '{first.Profile}' {first.Service} is given {twice.Count()} times ({string.Join(", ", twice.Select(e => e.Source))}); give each profile's service once."));
            }
            var descriptions = _entries.Where(e => e.Description != null).GroupBy(e => (e.Profile ?? "").ToLowerInvariant())
                .Where(g => g.Select(e => e.Description).Distinct(StringComparer.Ordinal).Count() > 1);
            foreach (var differing in descriptions)
                problems.Add(new ProfileImportProblem(differing.First().Parameter,
                    $"Profile '{differing.First().Profile}' is given different descriptions ({string.Join(", ", differing.Select(e => e.Source))}); give one."));
            return problems;
        }

        /// <summary>
        /// The imported profiles merged into <paramref name="current"/> (the file's profiles, which this changes): each one
        /// the file already has keeps its other services and its name's spelling. <paramref name="conflicts"/> gets each
        /// connection the file already has when <paramref name="force"/> is not given; <paramref name="problems"/> what
        /// <see cref="ProfileStore.Validate"/> refuses, each with where it came from and the parameter of its first entry.
        /// </summary>
        public IReadOnlyList<IntegrationProfile> Merge(IReadOnlyList<IntegrationProfile> current, bool force, IList<string> conflicts, IList<ProfileImportProblem> problems)
        {
            var byName = new Dictionary<string, IntegrationProfile>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in current) if (p.Name != null && !byName.ContainsKey(p.Name)) byName[p.Name] = p;
            var result = new List<IntegrationProfile>();
            foreach (var group in _entries.GroupBy(e => e.Profile ?? "", StringComparer.OrdinalIgnoreCase))
            {
                var first = group.First();
                if (!byName.TryGetValue(group.Key, out var profile)) profile = new IntegrationProfile { Name = first.Profile };
                foreach (var entry in group)
                {
                    if (!force && profile.Services.ContainsKey(entry.Service ?? ""))
                        conflicts?.Add($"Profile '{profile.Name}' already has a {entry.Service} connection ({entry.Source})");
                    if (entry.Description != null) profile.Description = entry.Description;
                    profile.Services[entry.Service ?? ""] = entry.Connection;
                }
                // Without a list for them (the merge under the lock), ChangeMany validates the result itself.
                if (problems != null)
                    foreach (var problem in ProfileStore.Validate(profile))
                        problems.Add(new ProfileImportProblem(first.Parameter, $"Profile '{first.Profile}' ({string.Join(", ", group.Select(e => e.Source).Distinct())}): {problem}"));
                result.Add(profile);
            }
            return result;
        }

        /// <summary>The first <see cref="ProblemsShown"/> problems, and how many more there are.</summary>
        public static string Summary(IList<string> problems) =>
            string.Join(" ", problems.Take(ProblemsShown)) + (problems.Count > ProblemsShown ? $" … and {problems.Count - ProblemsShown} more." : "");

        /// <inheritdoc cref="Summary(IList{string})"/>
        public static string Summary(IList<ProfileImportProblem> problems) => Summary(problems.Select(p => p.Message).ToList());
    }
}
