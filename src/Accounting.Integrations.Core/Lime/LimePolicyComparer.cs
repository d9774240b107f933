using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>
    /// Lime's comparison rows: one per (policy, group, right), then one per group member. A read probe speaks for
    /// R only; no API shows W, A or D or group membership, so those are at best Declared (lime.md §3).
    /// </summary>
    static class LimePolicyComparer
    {
        const string Lime = "Lime";

        public static IEnumerable<PolicyComparison> Compare(PolicyDocument desired, PolicyObservation observed)
        {
            var results = new List<PolicyComparison>();
            var probeGroups = ProbeGroups(desired, observed.ProbeUser);

            foreach (var policy in desired.Policies)
            {
                var declared = observed.Declared?.Policies.FirstOrDefault(p => string.Equals(p.Target, policy.Target, StringComparison.OrdinalIgnoreCase));
                foreach (var group in desired.Groups)
                    foreach (var right in policy.ApplicableRights)
                    {
                        var want = policy.Has(group.Name, right);
                        var (actual, source, detail) = Observe(policy, group.Name, right, declared, observed, probeGroups);
                        var status = PolicyComparer.Sourced(PolicyComparer.Verdict(want, actual), source);
                        results.Add(new PolicyComparison
                        {
                            Service = Lime, Policy = policy.Name, Target = policy.Target, Group = group.Name, Right = right.ToString(),
                            Desired = want, Actual = actual, Source = source, Status = status, Detail = detail,
                            Fix = LimeFix(status, policy, group.Name, right),
                        });
                    }
            }

            foreach (var group in desired.Groups)
                foreach (var member in group.Members)
                    results.Add(Membership(group, member, observed));
            return results;
        }

        /// <summary>A probe shows what its user can do; it speaks for a group only when the user is in exactly one declared group.</summary>
        static HashSet<string> ProbeGroups(PolicyDocument doc, string user)
        {
            var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(user)) return groups;
            var memberOf = doc.Groups.Where(g => g.Members.Any(m => string.Equals(m.Name, user, StringComparison.OrdinalIgnoreCase))).ToList();
            if (memberOf.Count == 1) groups.Add(memberOf[0].Name);
            return groups;
        }

        static (PolicyRightState, string, string) Observe(PolicyRule policy, string group, char right, PolicyRule declared, PolicyObservation observed, HashSet<string> probeGroups)
        {
            if (right == 'R' && probeGroups.Contains(group))
            {
                if (observed.Readable.TryGetValue(policy.Target, out var canRead))
                    return (canRead ? PolicyRightState.Granted : PolicyRightState.Denied, "Probe",
                        $"{observed.ProbeUser} {(canRead ? "can" : "cannot")} read {policy.Target} with its own key.");
                if (observed.ProbeNotes.TryGetValue(policy.Target, out var note) && declared == null)
                    return (PolicyRightState.Unknown, "Probe", note);
            }
            if (declared != null)
                return (declared.Has(group, right) ? PolicyRightState.Granted : PolicyRightState.Denied, "Declared", "As declared in " + (observed.Declared.SourcePath ?? "the actual-state document") + ".");
            var why = right == 'R'
                ? (probeGroups.Count == 0 ? "No read probe speaks for this group" : $"Read probes ran as {observed.ProbeUser}, not a member of {group} alone")
                : "No API shows W, A or D rights (lime.md §3)";
            return (PolicyRightState.Unknown, "None", why + "; declare it in an -ActualPath file transcribed from LISA.");
        }

        static string LimeFix(PolicyStatus status, PolicyRule policy, string group, char right)
        {
            var where = $"LISA: Security → Policies → {policy.Name} → Group Access → {group}";
            switch (status)
            {
                case PolicyStatus.Missing: return $"In {where}: tick {right}; the policy must be attached in Designer → {policy.Target} → Security Policy.";
                case PolicyStatus.Excess: return $"In {where}: untick {right} (least privilege), or add it to the document with a reason.";
                case PolicyStatus.Unverified: return $"Check {where}, then record it in the -ActualPath file.";
                case PolicyStatus.Declared: return $"Declared, not observed: check {where} if the declared-actual file is not a fresh transcription.";
                default: return null;
            }
        }

        /// <summary>
        /// A member row. The user list shows whether the user exists, is active and of its type; no API shows
        /// group membership (lime.md §3), so a user that is fine is at best Declared (by the actual-state file) or Unverified.
        /// </summary>
        static PolicyComparison Membership(PolicyGroup group, PolicyMember member, PolicyObservation observed)
        {
            var result = new PolicyComparison { Service = Lime, Policy = "(users)", Target = member.Name, Group = group.Name, Right = "User", Desired = true, Source = "UserList" };
            var declaredGroup = observed.Declared?.Group(group.Name);
            var declaredMember = declaredGroup?.Members.Any(m => string.Equals(m.Name, member.Name, StringComparison.OrdinalIgnoreCase));
            var checkInAdmin = $"Check in Lime Admin → Users that {member.Name} exists, is active{(member.UserType == null ? "" : " and of type " + member.UserType)}, and is in {group.Name}.";
            string problem = null;
            string seen = null;
            if (observed.Users == null)
                seen = observed.UsersNote ?? "Lime's user list was not read (pass an administrator's -LimeConnection).";
            else
            {
                var user = observed.Users.FirstOrDefault(u => string.Equals(u.Username, member.Name, StringComparison.OrdinalIgnoreCase));
                problem = user == null ? "does not exist"
                    : !user.Active ? "is inactive"
                    : member.UserType != null && !string.Equals(user.UserType, member.UserType, StringComparison.OrdinalIgnoreCase) ? $"is of type {user.UserType}, not {member.UserType}"
                    : null;
                if (problem != null)
                {
                    result.Actual = PolicyRightState.Denied;
                    result.Status = PolicyStatus.Missing;
                    result.Detail = $"{member.Name} {problem} (Lime's user list).";
                    result.Fix = user == null
                        ? $"Run the package's setup in Lime Admin (it creates {member.Name}), or create the user and add it to {group.Name}."
                        : $"In Lime Admin → Users → {member.Name}: make it active{(member.UserType == null ? "" : " and of type " + member.UserType)}.";
                    return result;
                }
                seen = $"{member.Name} exists and is active (type {user.UserType}) in Lime's user list; no API shows its groups.";
            }
            if (declaredMember == true)
            {
                result.Source = "Declared";
                result.Actual = PolicyRightState.Granted;
                result.Status = PolicyStatus.Declared;
                result.Detail = seen + $" Membership of {group.Name} as declared in {observed.Declared.SourcePath ?? "the actual-state document"}.";
                result.Fix = "Declared, not observed: " + checkInAdmin;
            }
            else if (declaredMember == false)
            {
                result.Source = "Declared";
                result.Actual = PolicyRightState.Denied;
                result.Status = PolicyStatus.Missing;
                result.Detail = seen + $" {observed.Declared.SourcePath ?? "The actual-state document"} declares {group.Name} without {member.Name}.";
                result.Fix = $"In Lime Admin → Groups → {group.Name}: add {member.Name}.";
            }
            else
            {
                result.Actual = PolicyRightState.Unknown;
                result.Status = PolicyStatus.Unverified;
                result.Detail = seen + $" Membership of {group.Name} is unverified.";
                result.Fix = checkInAdmin + " Then record the group's members in the -ActualPath file.";
            }
            return result;
        }
    }
}
