using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex's comparison rows: one per entitlement the document lists, and one per entitlement held beyond it, all observed by the entitlement API.</summary>
    static class TripletexPolicyComparer
    {
        const string Tripletex = "Tripletex";

        public static IEnumerable<PolicyComparison> Entitlements(TripletexRequirement requirement, PolicyObservation observed)
        {
            var policy = "employee " + requirement.EmployeeId.ToString(CultureInfo.InvariantCulture);
            var group = requirement.Label ?? policy;
            PolicyComparison Make(string right, bool desired, PolicyRightState actual, string detail) => new PolicyComparison
            {
                Service = Tripletex, Policy = policy, Target = requirement.Template, Group = group, Right = right, Desired = desired, Actual = actual,
                Status = PolicyComparer.Verdict(desired, actual), Source = actual == PolicyRightState.Unknown ? "None" : "EntitlementApi", Detail = detail,
                Fix = PolicyComparer.Verdict(desired, actual) == PolicyStatus.Match ? null : TripletexFix(requirement, right, PolicyComparer.Verdict(desired, actual)),
            };

            if (!observed.Entitlements.TryGetValue(requirement.EmployeeId, out var held))
            {
                observed.EntitlementNotes.TryGetValue(requirement.EmployeeId, out var note);
                foreach (var e in requirement.Entitlements) yield return Make(e, true, PolicyRightState.Unknown, note ?? "Entitlements were not read (pass -TripletexConnection).");
                yield break;
            }
            bool Matches(string wanted, TripletexEntitlement e) =>
                int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? e.EntitlementId == id : string.Equals(e.Name, wanted, StringComparison.OrdinalIgnoreCase);
            foreach (var wanted in requirement.Entitlements)
            {
                var granted = held.Any(e => Matches(wanted, e));
                yield return Make(wanted, true, granted ? PolicyRightState.Granted : PolicyRightState.Denied, granted ? "Held." : "Not held.");
            }
            foreach (var extra in held.Where(e => !requirement.Entitlements.Any(w => Matches(w, e))).GroupBy(e => e.EntitlementId))
                yield return Make(extra.First().Name ?? extra.Key.ToString(CultureInfo.InvariantCulture), false, PolicyRightState.Granted, $"Held (entitlement id {extra.Key}) but not in the document.");
        }

        static string TripletexFix(TripletexRequirement requirement, string right, PolicyStatus status)
        {
            var gui = $"in Tripletex: Selskap → Ansatte → {requirement.Label ?? requirement.EmployeeId.ToString(CultureInfo.InvariantCulture)} → Tilganger";
            if (status == PolicyStatus.Unverified) return "Connect to Tripletex as a user administrator and run again.";
            var verb = status == PolicyStatus.Missing ? "give" : "remove";
            return requirement.Template == null
                ? $"{char.ToUpperInvariant(verb[0])}{verb.Substring(1)} {right} {gui}, or name a template in the document for Set-IntegrationPolicy."
                : $"Set-IntegrationPolicy grants template {requirement.Template}; if that does not {verb} {right}, do it {gui}.";
        }
    }
}
