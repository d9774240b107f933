using System;
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
            if (provider == null || !string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
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
