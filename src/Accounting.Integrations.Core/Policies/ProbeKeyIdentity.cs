using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// Whose key a probe key is, judged from what it can be seen to do. A Lime key does not say whose it is,
    /// and an accepted key proves nothing; but a key confined to one group reaches exactly what that group's
    /// policies grant and is refused the rest, while an administrator's key reads everything, Lime's user
    /// list included (ASSUMPTION, lime.md §3: the list's privileges are undocumented, probably administrators').
    /// </summary>
    public sealed class ProbeKeyIdentity
    {
        public enum Outcome { Proven, Administrator, Mismatch, Unproven }

        public Outcome Result { get; private set; }
        /// <summary>The group the probe user is declared in, when exactly one.</summary>
        public string Group { get; private set; }
        public string Detail { get; private set; }
        public string Evidence { get; private set; }

        /// <summary>True when the probe's reads may stand for the group: the key is not shown to be someone else's.</summary>
        public bool SpeaksForGroup => Result == Outcome.Proven || Result == Outcome.Mismatch && _onlyRefusals;
        bool _onlyRefusals;

        /// <param name="probed">The read probes already made with the key (<see cref="PolicyObserver.ProbeLimeAsync"/>); null when no document was probed.</param>
        /// <param name="sameKeyAsAdministrator">The probe key is byte for byte the profile's administrator key.</param>
        public static async Task<ProbeKeyIdentity> ProveAsync(PolicyDocument desired, LimeClient probe, string probeUser, PolicyObservation probed,
            bool sameKeyAsAdministrator, CancellationToken cancellationToken)
        {
            var who = probeUser ?? "the API user";
            if (sameKeyAsAdministrator)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Administrator,
                    Detail = $"The probe key is the same key as the profile's Lime apiKey, the administrator's, not {who}'s; an administrator's key reads everything, so it shows nothing about {who}'s rights.",
                    Evidence = "the two keys compared in memory (neither is shown)",
                };

            bool readsUsers;
            try
            {
                await probe.GetUsersAsync(cancellationToken).ConfigureAwait(false);
                readsUsers = true;
            }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization || ex.Reason == ErrorReason.NotFound)
            {
                readsUsers = false;
            }
            if (readsUsers)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Administrator,
                    Detail = $"The key reads Lime's user list (GET admin/users/), which only an administrator can: it is an administrator's key, not the key of {who}, whose group may not. An administrator's key reads everything, so the webhook would run with more rights than its group grants.",
                    Evidence = "GET admin/users/ with the probe key answered 200",
                };

            const string refusedUsers = "GET admin/users/ with the probe key was refused";
            var memberOf = desired?.Groups.Where(g => g.Members.Any(m => string.Equals(m.Name, probeUser, StringComparison.OrdinalIgnoreCase))).ToList();
            if (desired == null || probed == null)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Unproven,
                    Detail = $"The key is refused Lime's user list, so it is not an administrator's; without a policy document its rights cannot be compared with {who}'s group, so whose key it is stays unproven.",
                    Evidence = refusedUsers,
                };
            if (memberOf.Count != 1)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Unproven,
                    Detail = $"The key is refused Lime's user list, so it is not an administrator's; the policy document puts {who} in {memberOf.Count} groups, so no one group's rights pattern can be expected of it.",
                    Evidence = refusedUsers,
                };

            var group = memberOf[0].Name;
            var may = desired.Policies.Where(p => p.Has(group, 'R')).ToList();
            var mayNot = desired.Policies.Where(p => !p.Has(group, 'R')).ToList();
            bool? Read(PolicyRule p) => probed.Readable.TryGetValue(p.Target, out var r) ? r : (bool?)null;
            var reached = may.Where(p => Read(p) == true).Select(p => p.Target).ToList();
            var refusedButMay = may.Where(p => Read(p) == false).Select(p => p.Target).ToList();
            var readButMayNot = mayNot.Where(p => Read(p) == true).Select(p => p.Target).ToList();
            var refusedAsItShould = mayNot.Where(p => Read(p) == false).Select(p => p.Target).ToList();
            var unknown = desired.Policies.Where(p => Read(p) == null).Select(p => p.Target).ToList();
            var evidence = $"{reached.Count + refusedButMay.Count + readButMayNot.Count + refusedAsItShould.Count} read probes with the probe key against the policies of \"{group}\" in {desired.SourcePath ?? "the policy document"}, and " + refusedUsers;
            string List(IEnumerable<string> xs) => string.Join(", ", xs.Take(5)) + (xs.Count() > 5 ? ", …" : "");

            if (readButMayNot.Count > 0)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Mismatch, Group = group, Evidence = evidence,
                    Detail = $"The key reads {readButMayNot.Count} target(s) \"{group}\" may not ({List(readButMayNot)}): it is not a key confined to {who}'s group, or that group holds more than the document grants.",
                };
            if (refusedButMay.Count > 0)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Mismatch, Group = group, Evidence = evidence, _onlyRefusals = true,
                    Detail = $"The key is refused {refusedButMay.Count} target(s) \"{group}\" may read ({List(refusedButMay)}): either it is another user's key, or the group lacks R there in LISA (the Policies check lists them). The webhook fails on them either way.",
                };
            if (reached.Count == 0)
                return new ProbeKeyIdentity
                {
                    Result = Outcome.Unproven, Group = group, Evidence = evidence,
                    Detail = $"The key is refused Lime's user list, so it is not an administrator's, but no probe showed what it reads ({unknown.Count} inconclusive), so whose key it is stays unproven.",
                };
            return new ProbeKeyIdentity
            {
                Result = Outcome.Proven, Group = group, Evidence = evidence,
                Detail = $"The key shows the rights pattern of \"{group}\", {who}'s group: it reads the {reached.Count} table(s) and field(s) the group may read" +
                    (refusedAsItShould.Count > 0 ? $", is refused the {refusedAsItShould.Count} it may not" : "") +
                    ", and is refused Lime's user list, which an administrator's key reads." + (unknown.Count > 0 ? $" {unknown.Count} probe(s) were inconclusive ({List(unknown)})." : ""),
            };
        }
    }
}
