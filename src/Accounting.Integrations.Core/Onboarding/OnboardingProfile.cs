using System;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// The profile as a service's <see cref="ServiceOnboarding.Prepare"/> sees it: its own entry, any other
    /// service's entry it checks against (a package configured in another service), and file paths as the
    /// shell resolves them.
    /// </summary>
    public sealed class OnboardingProfile
    {
        readonly Func<string, ProfileEntry> _entry;
        readonly Func<string, string> _resolvePath;

        public OnboardingProfile(string name, string service, Func<string, ProfileEntry> entry, Func<string, string> resolvePath)
        {
            Name = name;
            _entry = entry;
            _resolvePath = resolvePath;
            Own = entry(service);
        }

        public string Name { get; }
        /// <summary>The entry of the service being prepared.</summary>
        public ProfileEntry Own { get; }
        /// <summary>Another service's entry of the same profile, or null when the profile has none.</summary>
        public ProfileEntry Entry(string service) => _entry(service);
        /// <summary>A path from a setting, resolved against the shell's current location.</summary>
        public string Path(string path) => path == null ? null : _resolvePath(path);
    }
}
