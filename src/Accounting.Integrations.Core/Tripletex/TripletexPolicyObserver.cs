using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>Tripletex's source of the actual state: the entitlement API, one call per employee the document names.</summary>
    public static partial class PolicyObserver
    {
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
