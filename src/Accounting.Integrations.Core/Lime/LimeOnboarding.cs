using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>Lime's onboarding checks: the connection, the webhook user's own key, the integration monitor card, the policy tables.</summary>
    public sealed class LimeOnboarding : ServiceOnboarding
    {
        LimeConnection _lime;
        /// <summary>A connection with the integration user's own key (billectawebhook@api).</summary>
        LimeConnection _probe;
        string _probeUser;
        string _monitorKey = "billecta";
        PolicyDocument _policy, _policyActual;
        /// <summary>Why a policy document named by the profile could not be read; the Policies check fails with it.</summary>
        string _policyProblem;

        public override string Service => "Lime";

        public override void Prepare(OnboardingProfile profile, TransportOptions transport)
        {
            var entry = profile.Own;
            _policy = PolicyFile.Read(profile, entry, "policyPath", out var problem);
            _policyActual = PolicyFile.Read(profile, entry, "policyActualPath", out var actualProblem);
            _policyProblem = actualProblem ?? problem;
            _lime = LimeService.Instance.Connect(entry, transport);
            _probe = LimeService.Instance.ConnectProbe(entry, transport);
            _probeUser = entry.Setting("probeUser") ?? "billectawebhook@api";
            _monitorKey = entry.Setting("monitorIntegration") ?? "billecta";
        }

        protected override async Task ChecksAsync(CancellationToken ct)
        {
            var connected = await Check("Connection", async () =>
            {
                var t = await _lime.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_lime.BaseUri} accepts the API key.", "GET / with the profile's apiKey answered", "integration monitor, policies");
            }, ct).ConfigureAwait(false);

            // The probe key's reads are made once, and stand for the group only if the key is not shown to be someone else's.
            PolicyObservation probed = null;
            ProbeKeyIdentity identity = null;
            await Check("Webhook user's API key", async () =>
            {
                var who = _probeUser ?? "the API user";
                if (_probe == null)
                    return Unverified($"The profile holds no key for {who}, so whose key Billecta's webhooks use cannot be checked.",
                        $"Create the API key of {who} in LISA or Lime Admin (shown once), store it in a vault, and add it to the profile's Lime secrets as probeApiKey.", "none (no probe key)");
                var t = await _probe.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                if (!t.Success) return FromTest(t, () => "", "GET / with the probe key answered");
                if (_policy != null)
                {
                    probed = new PolicyObservation();
                    await PolicyObserver.ProbeLimeAsync(_policy, _probe.Client, _probeUser, probed, ct).ConfigureAwait(false);
                }
                var same = string.Equals(_probe.ApiKey.Reveal(), _lime.ApiKey.Reveal(), StringComparison.Ordinal);
                identity = await ProbeKeyIdentity.ProveAsync(_policy, _probe.Client, _probeUser, probed, same, ct).ConfigureAwait(false);
                switch (identity.Result)
                {
                    case ProbeKeyIdentity.Outcome.Proven: return Pass(identity.Detail, identity.Evidence);
                    case ProbeKeyIdentity.Outcome.Unproven:
                        return Unverified(identity.Detail, $"Confirm in Lime Admin → Users that the key was created for {who} (keys are shown once), and give the profile a policyPath so its rights can be compared.", identity.Evidence);
                    default:
                        return Fail(identity.Detail, $"Create the API key of {who} in LISA or Lime Admin (only API-type users get keys), and put that key, not an administrator's, in the webhook's configuration and the profile's probeApiKey.", identity.Evidence);
                }
            }, ct).ConfigureAwait(false);
            if (Blocks(connected)) return;

            await Check("Integration monitor", async () =>
            {
                var monitor = (await _lime.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false))
                    .FirstOrDefault(m => string.Equals(m.IntegrationKey, _monitorKey, StringComparison.OrdinalIgnoreCase));
                const string evidence = "GET limeobject/integration_monitor/ with the profile's apiKey";
                if (monitor == null)
                    return Fail($"No integration_monitor card has integration_key '{_monitorKey}'.",
                        $"Create the card by hand in Lime (integration monitor, type message, integration_key {_monitorKey}), as the integration monitor's guide says.", evidence);
                if (!monitor.Active) return Warn($"The card '{monitor.Name}' is inactive, so no alerts are computed.", "Set the card active.", evidence);
                if (monitor.AlertStatus == "error") return Warn($"The card '{monitor.Name}' is in alert: {monitor.AlertText}", "Look at the integration's recent logs (Get-IntegrationMonitor).", evidence);
                return Pass($"Card '{monitor.Name}' is active, alert status {monitor.AlertStatus}.", evidence);
            }, ct).ConfigureAwait(false);

            await Check("Policies", async () =>
            {
                if (_policyProblem != null) return Fail(_policyProblem, "Fix the file (Test-IntegrationPolicy shows the line), or correct the path in the profile.", "the profile's policy files");
                if (_policy == null)
                    return Unverified("The profile names no policy document, so the guide's policy tables are unchecked.",
                        "New-IntegrationPolicy -Path <file>, then set the profile's Lime setting policyPath to it.", "none (no policy document)");
                var observed = probed != null && identity != null && identity.SpeaksForGroup ? probed : new PolicyObservation();
                observed.Declared = _policyActual;
                await PolicyObserver.ReadLimeUsersAsync(_lime.Client, observed, ct).ConfigureAwait(false);
                var rows = PolicyComparer.Compare(_policy, observed).Where(r => r.Service == "Lime").ToList();
                var note = probed != null && identity != null && !identity.SpeaksForGroup
                    ? $" The probe key's reads were not counted: {identity.Result} (see the webhook key check)." : "";
                return PolicyVerdict.Summarize(rows, "Lime rights and members", _policyActual, _policy,
                    "Set-IntegrationPolicy -ChecklistPath lisa.md writes the LISA steps; Compare-IntegrationPolicy lists every row.", note);
            }, ct).ConfigureAwait(false);
        }


        public override void Dispose()
        {
            _lime?.Dispose();
            _probe?.Dispose();
        }
    }
}
