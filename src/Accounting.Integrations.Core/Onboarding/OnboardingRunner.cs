using System;
using Accounting.Integrations.Core.Config;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// Runs every check the four setup guides ask a person to do by hand, service by service, and reports
    /// one result per check as it finishes. A failed check never stops the others; a check that needs
    /// another to pass first (a session before the reads made with it) is folded into that one's result.
    /// </summary>
    public sealed class OnboardingRunner
    {
        readonly OnboardingContext _c;
        readonly Action<OnboardingResult> _emit;

        public OnboardingRunner(OnboardingContext context, Action<OnboardingResult> emit)
        {
            _c = context;
            _emit = emit;
        }

        public async Task RunAsync(CancellationToken ct)
        {
            foreach (var service in _c.Services)
            {
                foreach (var pre in _c.Preflight.Where(p => p.Service == service)) Emit(pre);
                if (_c.Preflight.Any(p => p.Service == service && p.Status == OnboardingStatus.Fail)) continue;
                switch (service)
                {
                    case "Billecta": await BillectaAsync(ct).ConfigureAwait(false); break;
                    case "Lime": await LimeAsync(ct).ConfigureAwait(false); break;
                    case "Tripletex": await TripletexAsync(ct).ConfigureAwait(false); break;
                    case "Billbee": await BillbeeAsync(ct).ConfigureAwait(false); break;
                    case "IFirma": await IFirmaAsync(ct).ConfigureAwait(false); break;
                }
            }
        }

        void Emit(OnboardingResult r)
        {
            r.Profile = _c.Profile;
            _emit(r);
        }

        /// <summary>Runs one check; a service error or anything unexpected becomes a Fail of that check only.</summary>
        async Task<OnboardingResult> Check(string service, string check, Func<Task<OnboardingResult>> body, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            OnboardingResult result;
            try { result = await body().ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (ServiceException ex) { result = Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage), ex.RecommendedAction); }
            catch (Exception ex)
            {
                // Whatever one check hits (a file, a parser, a bug) is that check's result: the others still run.
                result = Fail(Security.SecretRedactor.Redact(ex.Message), "See the detail; the other checks ran regardless.");
            }
            result.Service = service;
            result.Check = check;
            result.Duration = watch.Elapsed;
            Emit(result);
            return result;
        }

        static OnboardingResult Pass(string detail) => new OnboardingResult { Status = OnboardingStatus.Pass, Detail = detail };
        static OnboardingResult Warn(string detail, string fix) => new OnboardingResult { Status = OnboardingStatus.Warn, Detail = detail, Fix = fix };
        static OnboardingResult Fail(string detail, string fix) => new OnboardingResult { Status = OnboardingStatus.Fail, Detail = detail, Fix = fix };

        static OnboardingResult FromTest(ConnectionTestResult t, Func<string> passDetail, string blocked = null) =>
            t.Success ? Pass(passDetail()) : Fail(t.Cause + (blocked == null ? "" : ". Not checked until this passes: " + blocked + "."), t.Fix);

        async Task BillectaAsync(CancellationToken ct)
        {
            await Check("Billecta", "Connection and credentials", async () =>
            {
                var t = await _c.Billecta.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_c.Billecta.Environment} at {_c.Billecta.BaseUri} accepts the {_c.Billecta.Scheme} credentials.");
            }, ct).ConfigureAwait(false);

            string text = null;
            string Unreadable() => _c.ApplicationConfigPath == null
                ? "The profile gives no applicationConfigPath (a Lime Cloud customer's config is kept by Lime)."
                : null;
            await Check("Billecta", "Application config: authentication", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Warn(Unreadable() + " The Authorization header value was not checked.",
                        "Ask Lime to confirm secrets.billecta.api.authentication, or set the profile's Lime setting applicationConfigPath for an on-premise server."));
                text = SafeFile.ReadAllText(_c.ApplicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var value = ApplicationConfigEditor.Read(text, new[] { _c.Application, "secrets", "billecta", "api", "authentication" });
                if (string.IsNullOrEmpty(value))
                    return Task.FromResult(Fail($"{_c.ApplicationConfigPath} has no {_c.Application}.secrets.billecta.api.authentication; the package fails at start with InvalidBillectaApiConfig.",
                        "Run Set-LimeApplicationConfig with the Billecta credentials (New-BillectaAuthorization builds the value)."));
                var check = BillectaAuthorization.Check(value);
                if (!check.Valid)
                    return Task.FromResult(Fail("The Authorization header value in the application config is malformed: " + string.Join(" ", check.Problems), check.Fix));
                var same = string.Equals(value, _c.Billecta.Authorization.Reveal(), StringComparison.Ordinal);
                return Task.FromResult(same
                    ? Pass($"A well-formed {check.Scheme} value, the same credentials that passed the connection check.")
                    : Warn($"A well-formed {check.Scheme} value, but not the credentials in the profile, so it was not tested against Billecta.",
                        "Make the application config and the profile hold the same credentials (Set-LimeApplicationConfig), then run the onboarding again."));
            }, ct).ConfigureAwait(false);

            await Check("Billecta", "Application config: base_url", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Warn(Unreadable() + " base_url was not checked.", "Ask Lime to confirm config.billecta.api.base_url."));
                text = text ?? SafeFile.ReadAllText(_c.ApplicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var url = ApplicationConfigEditor.Read(text, new[] { _c.Application, "config", "billecta", "api", "base_url" });
                if (string.IsNullOrEmpty(url))
                    return Task.FromResult(Fail($"{_c.ApplicationConfigPath} has no {_c.Application}.config.billecta.api.base_url; the package fails at start with InvalidBillectaApiConfig.",
                        $"Run Set-LimeApplicationConfig -BaseUrl {_c.Billecta.BaseUri}."));
                return Task.FromResult(string.Equals(url.TrimEnd('/'), _c.Billecta.BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                    ? Pass($"{url} ({_c.Billecta.Environment}).")
                    : Warn($"base_url is {url}, but the profile connects to {_c.Billecta.BaseUri} ({_c.Billecta.Environment}).",
                        "Point base_url at the environment the customer should use (production https://api.billecta.com/v1, test https://apitest.billecta.com/v1)."));
            }, ct).ConfigureAwait(false);
        }

        async Task LimeAsync(CancellationToken ct)
        {
            var connected = await Check("Lime", "Connection", async () =>
            {
                var t = await _c.Lime.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_c.Lime.BaseUri} accepts the API key.", "integration monitor, policies");
            }, ct).ConfigureAwait(false);

            await Check("Lime", "Webhook user's API key", async () =>
            {
                if (_c.LimeProbe == null)
                    return Warn("The profile holds no key for the integration's API user, so Billecta's webhooks cannot be checked.",
                        "Create the API key of billectawebhook@api in LISA or Lime Admin (shown once), store it in a vault, and add it to the profile's Lime secrets as probeApiKey.");
                var t = await _c.LimeProbe.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"The key of {_c.ProbeUser ?? "the API user"} is accepted.");
            }, ct).ConfigureAwait(false);
            if (connected.Status == OnboardingStatus.Fail) return;

            await Check("Lime", "Integration monitor", async () =>
            {
                var monitor = (await _c.Lime.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false))
                    .FirstOrDefault(m => string.Equals(m.IntegrationKey, _c.MonitorIntegrationKey, StringComparison.OrdinalIgnoreCase));
                if (monitor == null)
                    return Fail($"No integration_monitor card has integration_key '{_c.MonitorIntegrationKey}'.",
                        $"Create the card by hand in Lime (integration monitor, type message, integration_key {_c.MonitorIntegrationKey}), as the integration monitor's guide says.");
                if (!monitor.Active) return Warn($"The card '{monitor.Name}' is inactive, so no alerts are computed.", "Set the card active.");
                if (monitor.AlertStatus == "error") return Warn($"The card '{monitor.Name}' is in alert: {monitor.AlertText}", "Look at the integration's recent logs (Get-IntegrationMonitor).");
                return Pass($"Card '{monitor.Name}' is active, alert status {monitor.AlertStatus}.");
            }, ct).ConfigureAwait(false);

            await Check("Lime", "Policies", async () =>
            {
                if (_c.PolicyProblem != null) return Fail(_c.PolicyProblem, "Fix the file (Test-IntegrationPolicy shows the line), or correct the path in the profile.");
                if (_c.Policy == null)
                    return Warn("The profile names no policy document, so the guide's policy tables are unchecked.",
                        "New-IntegrationPolicy -Path <file>, then set the profile's Lime setting policyPath to it.");
                var observed = new PolicyObservation { Declared = _c.PolicyActual };
                if (_c.LimeProbe != null && _c.ProbeUser != null) await PolicyObserver.ProbeLimeAsync(_c.Policy, _c.LimeProbe.Client, _c.ProbeUser, observed, ct).ConfigureAwait(false);
                await PolicyObserver.ReadLimeUsersAsync(_c.Lime.Client, observed, ct).ConfigureAwait(false);
                var rows = PolicyComparer.Compare(_c.Policy, observed).Where(r => r.Service == "Lime").ToList();
                return Summarize(rows, "Lime rights and members",
                    "Set-IntegrationPolicy -ChecklistPath lisa.md writes the LISA steps; Compare-IntegrationPolicy lists every row.");
            }, ct).ConfigureAwait(false);
        }

        static OnboardingResult Summarize(IReadOnlyList<PolicyComparison> rows, string what, string fix)
        {
            var findings = rows.Where(r => r.IsFinding).ToList();
            var unverified = rows.Count(r => r.Status == PolicyStatus.Unverified);
            if (findings.Count > 0)
                return Fail($"{findings.Count} of {rows.Count} {what} differ from the document: " +
                    string.Join("; ", findings.Take(5).Select(f => $"{f.Status} {f.Right} for {f.Group} on {f.Policy}")) + (findings.Count > 5 ? "; …" : "") + ".", fix);
            if (unverified > 0)
                return Warn($"{rows.Count - unverified} of {rows.Count} {what} match; {unverified} could not be observed.",
                    "Give the profile an actual-state file (policyActualPath) transcribed from LISA, and the API user's key (probeApiKey).");
            return Pass($"All {rows.Count} {what} match the document.");
        }

        async Task TripletexAsync(CancellationToken ct)
        {
            await Check("Tripletex", "Environment", () =>
            {
                var t = _c.Tripletex;
                var official = t.BaseUri.Host.EndsWith("tripletex.no", StringComparison.OrdinalIgnoreCase);
                return Task.FromResult(t.Environment == TripletexEnvironment.Production && !official
                    ? Warn($"Production tokens are sent to {t.BaseUri}, which is not Tripletex's production host.", "Remove the profile's baseUrl, or set environment: Test for a test or sandbox URL.")
                    : Pass($"{t.Environment} at {t.BaseUri}."));
            }, ct).ConfigureAwait(false);

            var blocked = new List<string> { "access", "number series" };
            if (_c.Policy?.Tripletex.Count > 0) blocked.Add("entitlements");
            var session = await Check("Tripletex", "Session", async () =>
            {
                try
                {
                    var s = await _c.Tripletex.Client.CreateSessionAsync(ct).ConfigureAwait(false);
                    return Pass($"Session {s.Id} for {s.EmployeeName ?? "the employee"} at {s.CompanyName ?? "the company"}, valid until {s.ExpiresAt:yyyy-MM-dd HH:mm zzz}.");
                }
                catch (ServiceException ex)
                {
                    return Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage) + ". Not checked until this passes: " + string.Join(", ", blocked) + ".", ex.RecommendedAction);
                }
            }, ct).ConfigureAwait(false);
            if (session.Status == OnboardingStatus.Fail) return;

            await Check("Tripletex", "Access", async () =>
            {
                var probes = await _c.Tripletex.Client.TestAccessAsync(ct).ConfigureAwait(false);
                var denied = probes.Where(p => !p.Granted).ToList();
                return denied.Count == 0
                    ? Pass("The key reads " + string.Join(" and ", probes.Select(p => p.Area.ToLowerInvariant())) + ".")
                    : Fail("The key cannot read " + string.Join(", ", denied.Select(d => d.Area)) + ".", denied[0].Fix);
            }, ct).ConfigureAwait(false);

            await Check("Tripletex", "Number series", async () =>
            {
                if (_c.NumberSeries == null)
                    return Warn("The profile gives no web shop number range (shopInvoiceStart), so the seed's number-series advice is unchecked.",
                        "Set the profile's Tripletex settings shopInvoiceStart (and shopCustomerStart) to the shop's first numbers.");
                var outcome = await _c.NumberSeries.RunAsync(_c.Tripletex.Client, new DateTime(2000, 1, 1), ct).ConfigureAwait(false);
                var findings = outcome.Findings;
                var overlaps = findings.Where(f => f.Kind == "Overlap").ToList();
                if (overlaps.Count > 0)
                    return Fail($"{overlaps.Count} numbers lie in the web shop's ranges, e.g. " + string.Join(", ", overlaps.Take(3).Select(o => $"{o.Series.ToLowerInvariant()} {o.Number}")) + ".", overlaps[0].Fix);
                if (findings.Count > 0) return Warn(string.Join(" ", findings.Select(f => f.Detail)), findings[0].Fix);
                return Pass($"{outcome.Customers} customers and {outcome.Invoices} invoices, none in the shop's ranges (invoices from {_c.NumberSeries.ShopInvoiceStart}).");
            }, ct).ConfigureAwait(false);

            if (_c.Policy?.Tripletex.Count > 0)
                await Check("Tripletex", "Entitlements", async () =>
                {
                    var observed = new PolicyObservation();
                    await PolicyObserver.ReadEntitlementsAsync(_c.Policy, _c.Tripletex.Client, observed, ct).ConfigureAwait(false);
                    var rows = PolicyComparer.Compare(_c.Policy, observed).Where(r => r.Service == "Tripletex").ToList();
                    return Summarize(rows, "entitlements", "Set-IntegrationPolicy -TripletexConnection grants the document's template; the rest is in Selskap → Ansatte → Tilganger.");
                }, ct).ConfigureAwait(false);
        }

        async Task BillbeeAsync(CancellationToken ct)
        {
            var connected = await Check("Billbee", "Connection and credentials", async () =>
            {
                var t = await _c.Billbee.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{t.User} at {_c.Billbee.BaseUri} is accepted ({t.Details["ShopCount"]} shops).", "order states");
            }, ct).ConfigureAwait(false);

            await Check("Billbee", "Administrator account", () => Task.FromResult(string.IsNullOrWhiteSpace(_c.BillbeeAdministratorConfirmedBy)
                ? Warn("Billbee's API does not show a user's role, and the guide requires an administrator; nobody has recorded checking it.",
                    "Check in Billbee that the user is an administrator, then record it: New-IntegrationProfile <name> Billbee -Setting @{ administratorConfirmedBy = '<who, date>' } -Force (with the other settings).")
                : Pass($"Confirmed by hand: {_c.BillbeeAdministratorConfirmedBy} (the API cannot show roles).")), ct).ConfigureAwait(false);
            if (connected.Status == OnboardingStatus.Fail) return;

            await Check("Billbee", "Order states", async () =>
            {
                var states = await _c.Billbee.Client.GetOrderStatesAsync(ct).ConfigureAwait(false);
                var unknown = (_c.BillbeeImportStateIds ?? new int[0]).Where(id => states.All(s => s.Id != id)).ToList();
                if (unknown.Count > 0)
                    return Fail($"The profile imports state ids {string.Join(", ", unknown)}, which Billbee does not list.", "Use ids from Get-BillbeeOrderState in the profile's importStateIds.");
                var listed = _c.BillbeeImportStateIds?.Length > 0
                    ? string.Join(", ", _c.BillbeeImportStateIds.Select(id => $"{id} {states.First(s => s.Id == id).Name}"))
                    : string.Join(", ", states.Take(4).Select(s => $"{s.Id} {s.Name}")) + ", …";
                return Pass($"{states.Count} states; ids for the importer's settings: {listed}.");
            }, ct).ConfigureAwait(false);
        }

        async Task IFirmaAsync(CancellationToken ct)
        {
            await Check("IFirma", "Keys", async () =>
            {
                var tests = await _c.IFirma.Client.TestKeysAsync(ct).ConfigureAwait(false);
                var failed = tests.Where(t => !t.Success).ToList();
                return failed.Count == 0
                    ? Pass($"{string.Join(", ", tests.Select(t => t.Check))} accepted for {_c.IFirma.Login}.")
                    : Fail(string.Join("; ", failed.Select(f => $"{f.Check}: {f.Cause}")), failed[0].Fix);
            }, ct).ConfigureAwait(false);

            await Check("IFirma", "API limit", async () =>
            {
                var limit = await _c.IFirma.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                var share = limit.Granted == 0 ? 0 : (double)limit.Remaining / limit.Granted;
                var raise = "Request-IFirmaApiLimit shows what to ask for; in iFirma: Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API ➡ Limity API (it may need iFirma's approval, so ask early).";
                if (limit.Remaining <= 0) return Fail($"The monthly limit is used up ({limit.Used} of {limit.Granted}); calls fail until {limit.ResetsOn:yyyy-MM-dd}.", raise);
                if (share < _c.IFirmaWarnBelow)
                    return Warn($"{limit.Used} of {limit.Granted} calls used this month; {limit.Remaining} ({share.ToString("P0", CultureInfo.InvariantCulture)}) left until {limit.ResetsOn:yyyy-MM-dd}.", raise);
                return Pass($"{limit.Used} of {limit.Granted} calls used this month.");
            }, ct).ConfigureAwait(false);
        }
    }
}
