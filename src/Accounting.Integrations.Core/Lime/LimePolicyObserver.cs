using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Lime's sources of the actual state: read probes with the integration user's own key, and the administrator's user list.</summary>
    public static partial class PolicyObserver
    {
        /// <summary>Read probes with the integration user's own key: one list call per table, one limetype call per table with field policies.</summary>
        public static async Task ProbeLimeAsync(PolicyDocument doc, LimeClient probe, string probeUser, PolicyObservation into, CancellationToken cancellationToken)
        {
            into.ProbeUser = probeUser;
            foreach (var table in doc.Policies.Select(p => p.Table).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                try { into.Readable[table] = await probe.CanReadTableAsync(table, cancellationToken).ConfigureAwait(false); }
                catch (ServiceException ex) when (ex.Reason == ErrorReason.NotFound)
                {
                    into.ProbeNotes[table] = $"Table {table} was not found (404): it does not exist in this application, or the key is wrong.";
                }
            }
            foreach (var byTable in doc.Policies.Where(p => p.IsField).GroupBy(p => p.Table, StringComparer.OrdinalIgnoreCase))
            {
                if (into.Readable.TryGetValue(byTable.Key, out var tableReadable) && !tableReadable)
                {
                    // Without R on the table its fields are invisible too.
                    foreach (var p in byTable) into.Readable[p.Target] = false;
                    continue;
                }
                try
                {
                    var visible = new HashSet<string>((await probe.GetLimetypePropertiesAsync(byTable.Key, cancellationToken).ConfigureAwait(false)).Select(kv => kv.Key), StringComparer.OrdinalIgnoreCase);
                    foreach (var p in byTable) into.Readable[p.Target] = visible.Contains(p.Field);
                }
                catch (ServiceException ex) when (ex.Reason == ErrorReason.NotFound || ex.Reason == ErrorReason.Authorization)
                {
                    foreach (var p in byTable) into.ProbeNotes[p.Target] = $"The limetype {byTable.Key} could not be read: {ex.Summary}.";
                }
            }
        }

        public static async Task ReadLimeUsersAsync(LimeClient admin, PolicyObservation into, CancellationToken cancellationToken)
        {
            try { into.Users = await admin.GetUsersAsync(cancellationToken).ConfigureAwait(false); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization || ex.Reason == ErrorReason.NotFound)
            {
                into.UsersNote = $"Lime's user list could not be read ({ex.Summary}); it needs an administrator's key.";
            }
        }
    }
}
