using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Onboarding;
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
    public sealed class ClearIntegrationState : PSCmdlet
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

            if (Directory.Exists(checkpoints.Folder))
                foreach (var path in Directory.GetFiles(checkpoints.Folder, "*.json"))
                {
                    var updated = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
                    if (updated >= cutoff) continue;
                    var name = System.IO.Path.GetFileNameWithoutExtension(path);
                    if (ShouldProcess(path, $"Remove checkpoint '{name}', last advanced {updated:u}"))
                    {
                        File.Delete(path);
                        WriteObject(new IntegrationStateItem { Kind = "Checkpoint", Name = name, LastUsed = updated, Path = path });
                    }
                }

            if (Directory.Exists(OnboardingLog.Folder))
                foreach (var path in Directory.GetFiles(OnboardingLog.Folder, "*.json"))
                {
                    var written = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
                    if (written >= cutoff) continue;
                    if (ShouldProcess(path, $"Remove run log written {written:u}"))
                    {
                        File.Delete(path);
                        WriteObject(new IntegrationStateItem { Kind = "Log", Name = System.IO.Path.GetFileName(path), LastUsed = written, Path = path });
                    }
                }

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
    }
}
