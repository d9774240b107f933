using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Collects a <see cref="PolicyObservation"/> from the live sources, with one call per table or employee (read probes only).</summary>
    public static class PolicyObserver
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

        public static async Task ReadEntitlementsAsync(PolicyDocument doc, TripletexClient tripletex, PolicyObservation into, CancellationToken cancellationToken)
        {
            foreach (var requirement in doc.Tripletex.Where(t => t.EmployeeId > 0))
            {
                try { into.Entitlements[requirement.EmployeeId] = await tripletex.GetEntitlementsAsync(requirement.EmployeeId, cancellationToken).ConfigureAwait(false); }
                catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization || ex.Reason == ErrorReason.NotFound)
                {
                    into.EntitlementNotes[requirement.EmployeeId] = $"Entitlements of employee {requirement.EmployeeId} could not be read: {ex.Summary}.";
                }
            }
        }
    }
}
