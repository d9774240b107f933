using System;
using System.IO;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>A policy document a profile setting names, for onboarding: a file that cannot be read is a problem to report, not an error.</summary>
    public static class PolicyFile
    {
        public static PolicyDocument Read(OnboardingProfile profile, ProfileEntry entry, string setting, out string problem)
        {
            problem = null;
            var path = entry.Setting(setting);
            if (path == null) return null;
            try { return PolicyDocumentReader.ReadFile(profile.Path(path)); }
            catch (Exception ex) when (ex is PolicyDocumentException || ex is IOException || ex is UnauthorizedAccessException)
            {
                problem = $"The profile's {setting} ({path}) cannot be read: {ex.Message}";
                return null;
            }
        }
    }
}
