using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>The per-user configuration folder: %APPDATA% on Windows, XDG_CONFIG_HOME or ~/.config elsewhere.</summary>
    public static class ConfigPaths
    {
        /// <summary>Overrides the folder (tests, portable installs).</summary>
        public const string OverrideVariable = "ACCOUNTING_INTEGRATIONS_CONFIG";

        public static string ConfigFolder
        {
            get
            {
                var custom = Environment.GetEnvironmentVariable(OverrideVariable);
                if (!string.IsNullOrEmpty(custom)) return custom;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Accounting.Integrations");
                var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
                var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
                return Path.Combine(root, "Accounting.Integrations");
            }
        }

        public static string ProfileFile => Path.Combine(ConfigFolder, "profiles.yaml");
    }
}
