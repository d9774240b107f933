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

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex's onboarding checks: environment, session, access, number series, and the entitlements a policy document names.</summary>
    public sealed class TripletexOnboarding : ServiceOnboarding
    {
        TripletexConnection _tripletex;
        /// <summary>The web shop's number ranges, when the profile gives them.</summary>
        NumberSeriesCheck _numberSeries;
        /// <summary>The profile's policy document (its Lime entry's policyPath), for the entitlements it names.</summary>
        PolicyDocument _policy;

        public override string Service => "Tripletex";

        public override void Prepare(OnboardingProfile profile, TransportOptions transport)
        {
            var lime = profile.Entry(Lime.LimeService.Instance.Name);
            _policy = lime == null ? null : PolicyFile.Read(profile, lime, "policyPath", out _);
            _tripletex = TripletexService.Instance.Connect(profile.Own, transport);
            _numberSeries = TripletexService.NumberSeries(profile.Own);
        }

        protected override async Task ChecksAsync(CancellationToken ct)
        {
            await Check("Environment", () =>
            {
                var t = _tripletex;
                var official = t.BaseUri.Host.EndsWith("tripletex.no", StringComparison.OrdinalIgnoreCase);
                const string evidence = "the profile's environment and base URL";
                return Task.FromResult(t.Environment == TripletexEnvironment.Production && !official
                    ? Warn($"Production tokens are sent to {t.BaseUri}, which is not Tripletex's production host.", "Remove the profile's baseUrl, or set environment: Test for a test or sandbox URL.", evidence)
                    : Pass($"{t.Environment} at {t.BaseUri}.", evidence));
            }, ct).ConfigureAwait(false);

            var blocked = new List<string> { "access", "number series" };
            if (_policy?.Tripletex.Count > 0) blocked.Add("entitlements");
            var session = await Check("Session", async () =>
            {
                const string evidence = "PUT token/session/:create and GET token/session/>whoAmI";
                try
                {
                    var s = await _tripletex.Client.CreateSessionAsync(ct).ConfigureAwait(false);
                    return Pass($"Session {s.Id} for {s.EmployeeName ?? "the employee"} at {s.CompanyName ?? "the company"}, valid until {s.ExpiresAt:yyyy-MM-dd HH:mm zzz}.", evidence);
                }
                catch (ServiceException ex) when (ex.Reason != ErrorReason.RateLimited)
                {
                    return Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage) + ". Not checked until this passes: " + string.Join(", ", blocked) + ".", ex.RecommendedAction, evidence + " refused");
                }
            }, ct).ConfigureAwait(false);
            if (Blocks(session)) return;

            await Check("Access", async () =>
            {
                var probes = await _tripletex.Client.TestAccessAsync(ct).ConfigureAwait(false);
                var denied = probes.Where(p => !p.Granted).ToList();
                var evidence = "read probes: " + string.Join(", ", probes.Select(p => p.Probe ?? p.Area));
                return denied.Count == 0
                    ? Pass("The key reads " + string.Join(" and ", probes.Select(p => p.Area.ToLowerInvariant())) + ".", evidence)
                    : Fail("The key cannot read " + string.Join(", ", denied.Select(d => d.Area)) + ".", denied[0].Fix, evidence);
            }, ct).ConfigureAwait(false);

            await Check("Number series", async () =>
            {
                if (_numberSeries == null)
                    return Unverified("The profile gives no web shop number range (shopInvoiceStart), so the seed's number-series advice is unchecked.",
                        "Set the profile's Tripletex settings shopInvoiceStart (and shopCustomerStart) to the shop's first numbers.", "none (no shop range to compare with)");
                var outcome = await _numberSeries.RunAsync(_tripletex.Client, new DateTime(2000, 1, 1), ct).ConfigureAwait(false);
                var evidence = $"every customer number ({outcome.Customers}, GET customer) and invoice number ({outcome.Invoices}, GET invoice) in use";
                var findings = outcome.Findings;
                // Every series with a finding keeps its own detail and fix: invoices and customers alike.
                var bySeries = findings.GroupBy(f => f.Series).ToList();
                string Describe(IGrouping<string, NumberSeriesFinding> series)
                {
                    var overlaps = series.Where(f => f.Kind == "Overlap").ToList();
                    var risks = series.Where(f => f.Kind != "Overlap").Select(f => f.Detail);
                    var head = overlaps.Count == 0 ? "" : $"{overlaps.Count} {series.Key.ToLowerInvariant()} numbers lie in the web shop's range, e.g. " + string.Join(", ", overlaps.Take(3).Select(o => o.Number)) + ".";
                    return string.Join(" ", new[] { head }.Concat(risks).Where(x => x.Length > 0));
                }
                var detail = string.Join(" ", bySeries.Select(Describe));
                var fix = string.Join(" ", findings.Select(f => f.Fix).Distinct());
                if (findings.Any(f => f.Kind == "Overlap")) return Fail(detail, fix, evidence);
                if (findings.Count > 0) return Warn(detail, fix, evidence);
                return Pass($"{outcome.Customers} customers and {outcome.Invoices} invoices, none in the shop's ranges (invoices from {_numberSeries.ShopInvoiceStart}).", evidence);
            }, ct).ConfigureAwait(false);

            if (_policy?.Tripletex.Count > 0)
                await Check("Entitlements", async () =>
                {
                    var observed = new PolicyObservation();
                    await PolicyObserver.ReadEntitlementsAsync(_policy, _tripletex.Client, observed, ct).ConfigureAwait(false);
                    var rows = PolicyComparer.Compare(_policy, observed).Where(r => r.Service == "Tripletex").ToList();
                    return PolicyVerdict.Summarize(rows, "entitlements", null, _policy, "Set-IntegrationPolicy -TripletexConnection grants the document's template; the rest is in Selskap → Ansatte → Tilganger.",
                        unverifiedStep: "Connect with a user administrator's employee token so GET employee/entitlement can read them, or check Selskap → Ansatte → Tilganger by hand.");
                }, ct).ConfigureAwait(false);
        }


        /// <summary>Leave no live session behind: the onboarding's own Tripletex session is deleted again.</summary>
        public override async Task FinishAsync(Action<string> verbose, CancellationToken ct)
        {
            if (_tripletex?.CurrentSession == null) return;
            try { await _tripletex.Client.DeleteSessionAsync(ct).ConfigureAwait(false); }
            catch (ServiceException ex) { verbose("The onboarding's Tripletex session could not be deleted: " + ex.Summary); }
        }

        public override void Dispose() => _tripletex?.Dispose();
    }
}
