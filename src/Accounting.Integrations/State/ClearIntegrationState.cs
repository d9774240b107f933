using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.State
{
    /// <summary>
    /// Clear-IntegrationState: removes what the module keeps locally and no longer needs: checkpoints and
    /// run logs older than a retention (or checkpoints by name), and expired Tripletex sessions held by
    /// this PowerShell session's connection. Profiles and secrets are never touched.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "IntegrationState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RetentionSet)]
    [OutputType(typeof(IntegrationStateItem))]
    public sealed class ClearIntegrationState : ModuleCmdlet
    {
        const string RetentionSet = "Retention";
        const string NamedSet = "Named";

        /// <summary>Remove checkpoints not advanced, and logs not written, within this long (days, or a time span).</summary>
        [Parameter(Position = 0, ParameterSetName = RetentionSet)]
        [DaysOrTimeSpan]
        public TimeSpan OlderThan { get; set; } = TimeSpan.FromDays(90);

        /// <summary>Remove these checkpoints, whatever their age (the next read with the name starts from the beginning).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NamedSet)]
        [ValidateNotNullOrEmpty]
        public string[] Checkpoint { get; set; }

        [Parameter(ParameterSetName = RetentionSet)]
        public TripletexConnection TripletexConnection { get; set; }

        protected override void ProcessRecord()
        {
            var checkpoints = new CheckpointStore();
            if (ParameterSetName == NamedSet)
            {
                foreach (var name in Checkpoint)
                {
                    var problem = CheckpointStore.Problem(name);
                    if (problem != null) { WriteError(ErrorRecordFactory.InvalidParameter("Checkpoint", problem, name)); continue; }
                    Checkpoint found = null;
                    try { found = checkpoints.Get(name); }
                    catch (InvalidDataException) { found = new Checkpoint { Name = name, Path = System.IO.Path.Combine(checkpoints.Folder, name + ".json") }; }
                    if (found == null)
                    {
                        WriteError(ErrorRecordFactory.InvalidParameter("Checkpoint", $"There is no checkpoint '{name}' in {checkpoints.Folder}.", name, category: ErrorCategory.ObjectNotFound));
                        continue;
                    }
                    if (ShouldProcess(found.Path, $"Remove checkpoint '{name}'") && checkpoints.Remove(name))
                        WriteObject(new IntegrationStateItem { Kind = "Checkpoint", Name = name, LastUsed = found.Updated, Path = found.Path, Detail = found.ToString() });
                }
                return;
            }

            if (OlderThan <= TimeSpan.Zero) ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("OlderThan", "-OlderThan must be positive, e.g. 90 (days).", OlderThan));
            var cutoff = DateTimeOffset.UtcNow - OlderThan;

            RemoveOlderThan(cutoff, checkpoints.Folder, "Checkpoint", System.IO.Path.GetFileNameWithoutExtension, (name, at) => $"Remove checkpoint '{name}', last advanced {at:u}");
            RemoveOlderThan(cutoff, OnboardingLog.Folder, "Log", System.IO.Path.GetFileName, (name, at) => $"Remove run log written {at:u}");
            // An account's machine-wide budget holds only its last minutes of calls; one unused past the retention counts nothing.
            RemoveOlderThan(cutoff, MachineBudget.DefaultFolder, "RateBudget", System.IO.Path.GetFileNameWithoutExtension, (name, at) => $"Remove the rate budget file of an account last used {at:u}", "*.budget");

            // Tripletex ends a session at midnight Oslo time on its expiration date; one held past that is only a dead token.
            var tripletex = TripletexConnection ?? SessionConnections.Get<TripletexConnection>();
            var session = tripletex?.CurrentSession;
            if (session != null && DateTimeOffset.UtcNow >= session.ExpiresAt && ShouldProcess($"Tripletex session {session.Id}", "Forget the expired session"))
            {
                var dropped = tripletex.Client.ForgetExpiredSession();
                if (dropped != null)
                    WriteObject(new IntegrationStateItem { Kind = "TripletexSession", Name = dropped.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUsed = dropped.CreatedAt, Detail = $"Expired {dropped.ExpiresAt:u}; the next call makes a new session." });
            }
        }

        /// <summary>Removes the folder's files (JSON unless told) last written before the cutoff, each behind ShouldProcess, and reports each one removed.</summary>
        void RemoveOlderThan(DateTimeOffset cutoff, string folder, string kind, Func<string, string> nameOf, Func<string, DateTimeOffset, string> action, string pattern = "*.json")
        {
            if (!Directory.Exists(folder)) return;
            foreach (var path in Directory.GetFiles(folder, pattern))
            {
                var written = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
                if (written >= cutoff) continue;
                var name = nameOf(path);
                if (!ShouldProcess(path, action(name, written))) continue;
                File.Delete(path);
                WriteObject(new IntegrationStateItem { Kind = kind, Name = name, LastUsed = written, Path = path });
            }
        }
    }
}
