using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>
    /// What Set-IntegrationPolicy grants in Tripletex: the document's template for each employee whose entitlements differ.
    /// A template replaces the employee's entitlements, so a grant to the employee whose token makes the calls that does not
    /// keep its administrator entitlements would leave every later grant refused (403): that grant is the plan's self-lockout.
    /// </summary>
    static class TripletexPolicyGrants
    {
        /// <summary>The entitlements that let a Tripletex employee grant others theirs (tripletex.md §8).</summary>
        static readonly string[] AdministratorEntitlements = { "ROLE_ADMINISTRATOR", "AUTH_EMPLOYEE_ADMIN" };

        public static async Task<PolicyGrantPlan> PlanAsync(PolicyDocument desired, TripletexConnection connection, IReadOnlyList<PolicyComparison> before, CancellationToken ct)
        {
            var plan = new PolicyGrantPlan();
            if (connection == null) return plan;
            var candidates = desired.Tripletex.Where(t => t.Template != null && Rows(before, t).Any(c => c.IsFinding)).ToList();
            if (candidates.Count == 0) return plan;
            // Reads only: whose token this is, and what that employee holds now.
            var caller = await connection.Client.GetCallerEmployeeIdAsync(ct).ConfigureAwait(false);
            IReadOnlyList<TripletexEntitlement> callerHolds = null;
            if (caller != null && candidates.Any(t => t.EmployeeId == caller))
                callerHolds = await connection.Client.GetEntitlementsAsync(caller, ct).ConfigureAwait(false);

            foreach (var t in candidates) plan.Grants.Add(Grant(connection, t, before));
            var own = candidates.FirstOrDefault(t => t.EmployeeId == caller);
            if (own == null) return plan;
            var losing = (callerHolds ?? new TripletexEntitlement[0]).Select(e => e.Name)
                .Where(n => AdministratorEntitlements.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
            if (losing.Count == 0 || string.Equals(own.Template, "ALL_PRIVILEGES", StringComparison.OrdinalIgnoreCase)) return plan;

            var later = candidates.Where(t => t != own).Select(t => "employee " + t.EmployeeId).ToList();
            plan.SelfLockout = plan.Grants[candidates.IndexOf(own)];
            plan.SelfLockoutTarget = own.EmployeeId;
            plan.SelfLockoutMessage = $"Refused: the document grants template {own.Template} to Tripletex employee {own.EmployeeId}{(own.Label == null ? "" : " (" + own.Label + ")")}, " +
                $"the employee whose token makes these calls. Tripletex replaces the employee's entitlements with the template's, which would remove {string.Join(" and ", losing)} from the caller: " +
                "after that no entitlement can be granted with this token (403)" + (later.Count > 0 ? ", including the document's own grants to " + string.Join(", ", later) : "") +
                ". Nothing was changed.";
            plan.SelfLockoutFix = "Connect with another user administrator's employee token to change this employee, or remove its template from the document. " +
                "-AllowSelfLockout applies it anyway (last, after the other grants).";
            return plan;
        }

        static IEnumerable<PolicyComparison> Rows(IReadOnlyList<PolicyComparison> before, TripletexRequirement t) =>
            before.Where(c => c.Service == "Tripletex" && c.Policy == "employee " + t.EmployeeId);

        /// <summary>ShouldProcess says every entitlement the grant adds and removes (as the document lists them; Tripletex decides the template's exact content).</summary>
        static PolicyGrant Grant(TripletexConnection connection, TripletexRequirement t, IReadOnlyList<PolicyComparison> before)
        {
            var mine = Rows(before, t).ToList();
            var adds = mine.Where(c => c.Status == PolicyStatus.Missing).Select(c => c.Right).ToList();
            var removes = mine.Where(c => c.Status == PolicyStatus.Excess).Select(c => c.Right).ToList();
            var changes = $": adds {(adds.Count == 0 ? "nothing" : string.Join(", ", adds))}; removes {(removes.Count == 0 ? "nothing" : string.Join(", ", removes))} (as the document lists them; the template decides)";
            return new PolicyGrant
            {
                Target = $"Tripletex employee {t.EmployeeId}{(t.Label == null ? "" : " (" + t.Label + ")")}",
                Action = $"Grant entitlement template {t.Template}{changes}",
                Done = $"Granted template {t.Template} to Tripletex employee {t.EmployeeId}.",
                ApplyAsync = ct => connection.Client.GrantEntitlementTemplateAsync(t.EmployeeId, t.Template, ct),
            };
        }
    }
}
