using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Turns a -Path the user typed into a file-system path, or a terminating error that names the parameter:
    /// a path on another provider (Env:/PATH, HKLM:\…, Variable:x) is refused rather than taken as a relative file name.
    /// </summary>
    internal static class FileSystemPath
    {
        public static string Resolve(PSCmdlet cmdlet, string path, string parameter)
        {
            var error = TryResolve(cmdlet, path, parameter, out var full);
            if (error != null) cmdlet.ThrowTerminatingError(error);
            return full;
        }

        /// <summary>
        /// Writes a report, checklist or document the user asked for through <see cref="Core.Config.SafeFile"/> (atomic, locked,
        /// no folder created); a failure is a terminating error naming <paramref name="parameter"/> or the file.
        /// </summary>
        public static void WriteText(PSCmdlet cmdlet, string full, string text, string parameter)
        {
            try { Core.Config.SafeFile.Write(full, new System.Text.UTF8Encoding(false).GetBytes(text)); }
            catch (Core.Config.FileAccessException ex) { cmdlet.ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, parameter, full)); }
        }

        /// <summary>
        /// The existing files a -Path names, wildcards allowed (Import-IntegrationProfile's profile files,
        /// Merge-IntegrationOnboardingResult's result files), or a terminating error naming <paramref name="parameter"/>: a
        /// pattern that matches nothing, a path with no file, a folder, a path on another provider. The fix says to give
        /// <paramref name="what"/> (e.g. <paramref name="example"/>).
        /// </summary>
        public static IReadOnlyList<string> ResolveFiles(PSCmdlet cmdlet, string path, string parameter, string what, string example)
        {
            var files = new List<string>();
            var give = $"give {what} (e.g. {example})";
            if (!WildcardPattern.ContainsWildcardCharacters(path)) files.Add(Resolve(cmdlet, path, parameter));
            else
            {
                ProviderInfo provider = null;
                try { files.AddRange(cmdlet.GetResolvedProviderPathFromPSPath(path, out provider)); }
                catch (ItemNotFoundException) { }
                catch (Exception ex) when (ex is RuntimeException || ex is ArgumentException || ex is NotSupportedException || ex is IOException)
                {
                    Stop(cmdlet, parameter, $"-{parameter} '{path}' is not a usable path: {ex.Message}", path);
                }
                if (provider != null && !IsFileSystem(provider))
                    Stop(cmdlet, parameter, $"-{parameter} '{path}' is on the {provider.Name} provider, not a file; {give}.", path);
                if (files.Count == 0) Stop(cmdlet, parameter, $"-{parameter} '{path}' matches no file; {give}.", path);
            }
            foreach (var file in files)
            {
                if (Directory.Exists(file)) Stop(cmdlet, parameter, $"-{parameter} {file} is a folder; {give} in it.", file);
                if (!File.Exists(file)) Stop(cmdlet, parameter, $"-{parameter}: there is no file {file}; {give}.", file);
            }
            return files;
        }

        static bool IsFileSystem(ProviderInfo provider) => string.Equals(provider?.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

        static void Stop(PSCmdlet cmdlet, string parameter, string message, string target) =>
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, target));

        /// <summary>Like <see cref="Resolve"/>, but returns the error (for cmdlets that go on with the next input).</summary>
        public static ErrorRecord TryResolve(PSCmdlet cmdlet, string path, string parameter, out string full)
        {
            full = null;
            if (string.IsNullOrWhiteSpace(path))
                return ErrorRecordFactory.InvalidParameter(parameter, $"-{parameter} is empty; give the path of a file.", path);
            ProviderInfo provider;
            try { full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _); }
            catch (Exception ex) when (ex is RuntimeException || ex is ArgumentException || ex is NotSupportedException || ex is System.IO.IOException)
            {
                return ErrorRecordFactory.InvalidParameter(parameter, $"-{parameter} '{path}' is not a usable path: {ex.Message}", path);
            }
            if (!IsFileSystem(provider))
            {
                full = null;
                return ErrorRecordFactory.InvalidParameter(parameter, $"-{parameter} '{path}' is on the {provider?.Name ?? "unknown"} provider, not a file; give a file-system path such as ./file.yaml.", path);
            }
            if (full.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            {
                full = null;
                return ErrorRecordFactory.InvalidParameter(parameter, $"-{parameter} '{path}' holds characters a file path cannot have.", path);
            }
            return null;
        }
    }
}
