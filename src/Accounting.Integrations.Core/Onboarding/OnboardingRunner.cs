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
using Accounting.Integrations.Core.IFirma;
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

        /// <summary>
        /// Runs one check; a service error or anything unexpected becomes a Fail of that check only, except a
        /// call refused for rate until the retries ran out, which is Throttled: it says nothing about the customer.
        /// Every detail ends with the evidence the verdict rests on.
        /// </summary>
        async Task<OnboardingResult> Check(string service, string check, Func<Task<OnboardingResult>> body, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            OnboardingResult result;
            try { result = await body().ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { result = Throttled(ex.Summary); }
            catch (ServiceException ex)
            {
                result = Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage), ex.RecommendedAction,
                    $"the service's answer{(ex.HttpStatus == null ? "" : " (HTTP " + ex.HttpStatus + ")")}");
            }
            catch (Exception ex)
            {
                // Whatever one check hits (a file, a parser, a bug) is that check's result: the others still run.
                result = Fail(Security.SecretRedactor.Redact(ex.Message), "See the detail; the other checks ran regardless.", "the error the check met");
            }
            result.Service = service;
            result.Check = check;
            result.Duration = watch.Elapsed;
            result.Detail = (result.Detail ?? "").TrimEnd() + " Evidence: " + (result.Evidence ?? "none") + ".";
            Emit(result);
            return result;
        }

        static OnboardingResult Make(OnboardingStatus status, string detail, string fix, string evidence) =>
            new OnboardingResult { Status = status, Detail = detail, Fix = fix, Evidence = evidence };
        static OnboardingResult Pass(string detail, string evidence) => Make(OnboardingStatus.Pass, detail, null, evidence);
        static OnboardingResult Warn(string detail, string fix, string evidence) => Make(OnboardingStatus.Warn, detail, fix, evidence);
        static OnboardingResult Fail(string detail, string fix, string evidence) => Make(OnboardingStatus.Fail, detail, fix, evidence);
        /// <summary>Nothing the module can observe shows it; the fix is the manual step.</summary>
        static OnboardingResult Unverified(string detail, string manualStep, string evidence) => Make(OnboardingStatus.Unverified, detail, manualStep, evidence);
        static OnboardingResult Attested(string detail, string by, DateTime on, string evidence) =>
            new OnboardingResult { Status = OnboardingStatus.Attested, Detail = detail, Evidence = evidence, AttestedBy = by, AttestedOn = on };
        static OnboardingResult Throttled(string summary) => Make(OnboardingStatus.Throttled,
            "The service kept refusing the calls for rate (429) until the retries ran out, so this was not checked: " + summary + " This is not a finding about the customer.",
            "Run the onboarding again later (or with fewer runs side by side on this account); nothing needs fixing at the customer.", "429 answers from the service");

        static bool IsThrottled(ConnectionTestResult t) => t.ErrorId != null && t.ErrorId.EndsWith("." + nameof(ErrorReason.RateLimited), StringComparison.Ordinal);

        static OnboardingResult FromTest(ConnectionTestResult t, Func<string> passDetail, string evidence, string blocked = null) =>
            t.Success ? Pass(passDetail(), evidence)
            : IsThrottled(t) ? Throttled(t.Cause + (blocked == null ? "" : ". Not checked until this passes: " + blocked + "."))
            : Fail(t.Cause + (blocked == null ? "" : ". Not checked until this passes: " + blocked + "."), t.Fix, evidence.Replace("answered", "was refused") + (t.HttpStatus == null ? "" : $" (HTTP {t.HttpStatus})"));

        /// <summary>Stops at a prerequisite that did not pass: Fail, or Throttled (then nothing is known yet either way).</summary>
        static bool Blocks(OnboardingResult r) => r.Status == OnboardingStatus.Fail || r.Status == OnboardingStatus.Throttled;

        async Task BillectaAsync(CancellationToken ct)
        {
            var connected = await Check("Billecta", "Connection and credentials", async () =>
            {
                var t = await _c.Billecta.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_c.Billecta.Environment} at {_c.Billecta.BaseUri} accepts the {_c.Billecta.Scheme} credentials.",
                    $"a call to {_c.Billecta.BaseUri} with the profile's credentials answered");
            }, ct).ConfigureAwait(false);

            string text = null;
            string Unreadable() => _c.ApplicationConfigPath == null
                ? "The profile gives no applicationConfigPath (a Lime Cloud customer's config is kept by Lime)."
                : null;
            await Check("Billecta", "Application config: authentication", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Unverified(Unreadable() + " The Authorization header value cannot be seen from here.",
                        "Ask Lime to confirm secrets.billecta.api.authentication, or set the profile's Lime setting applicationConfigPath for an on-premise server.", "none (no file to read)"));
                text = SafeFile.ReadAllText(_c.ApplicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var evidence = $"{_c.ApplicationConfigPath} read";
                var value = ApplicationConfigEditor.Read(text, new[] { _c.Application, "secrets", "billecta", "api", "authentication" });
                if (string.IsNullOrEmpty(value))
                    return Task.FromResult(Fail($"{_c.ApplicationConfigPath} has no {_c.Application}.secrets.billecta.api.authentication; the package fails at start with InvalidBillectaApiConfig.",
                        "Run Set-LimeApplicationConfig with the Billecta credentials (New-BillectaAuthorization builds the value).", evidence));
                var check = BillectaAuthorization.Check(value);
                if (!check.Valid)
                    return Task.FromResult(Fail("The Authorization header value in the application config is malformed: " + string.Join(" ", check.Problems), check.Fix, evidence));
                var same = string.Equals(value, _c.Billecta.Authorization.Reveal(), StringComparison.Ordinal);
                if (!same)
                    return Task.FromResult(Warn($"A well-formed {check.Scheme} value, but not the credentials in the profile, so it was not tested against Billecta.",
                        "Make the application config and the profile hold the same credentials (Set-LimeApplicationConfig), then run the onboarding again.", evidence + "; not sent to Billecta"));
                return Task.FromResult(connected.Status == OnboardingStatus.Pass
                    ? Pass($"A well-formed {check.Scheme} value, the same credentials that passed the connection check.", evidence + " and compared with the profile's credentials, which Billecta accepted")
                    : Fail($"A well-formed {check.Scheme} value, the same credentials the connection check could not use: {connected.Status}.", "Fix the connection check first; the application config holds the same credentials.", evidence + " and compared with the profile's credentials"));
            }, ct).ConfigureAwait(false);

            await Check("Billecta", "Application config: base_url", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Unverified(Unreadable() + " base_url cannot be seen from here.", "Ask Lime to confirm config.billecta.api.base_url.", "none (no file to read)"));
                text = text ?? SafeFile.ReadAllText(_c.ApplicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var evidence = $"{_c.ApplicationConfigPath} read";
                var url = ApplicationConfigEditor.Read(text, new[] { _c.Application, "config", "billecta", "api", "base_url" });
                if (string.IsNullOrEmpty(url))
                    return Task.FromResult(Fail($"{_c.ApplicationConfigPath} has no {_c.Application}.config.billecta.api.base_url; the package fails at start with InvalidBillectaApiConfig.",
                        $"Run Set-LimeApplicationConfig -BaseUrl {_c.Billecta.BaseUri}.", evidence));
                return Task.FromResult(string.Equals(url.TrimEnd('/'), _c.Billecta.BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                    ? Pass($"{url} ({_c.Billecta.Environment}).", evidence + " and compared with the profile's base URL")
                    : Warn($"base_url is {url}, but the profile connects to {_c.Billecta.BaseUri} ({_c.Billecta.Environment}).",
                        "Point base_url at the environment the customer should use (production https://api.billecta.com/v1, test https://apitest.billecta.com/v1).", evidence));
            }, ct).ConfigureAwait(false);
        }

        async Task LimeAsync(CancellationToken ct)
        {
            var connected = await Check("Lime", "Connection", async () =>
            {
                var t = await _c.Lime.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_c.Lime.BaseUri} accepts the API key.", "GET / with the profile's apiKey answered", "integration monitor, policies");
            }, ct).ConfigureAwait(false);

            // The probe key's reads are made once, and stand for the group only if the key is not shown to be someone else's.
            PolicyObservation probed = null;
            ProbeKeyIdentity identity = null;
            await Check("Lime", "Webhook user's API key", async () =>
            {
                var who = _c.ProbeUser ?? "the API user";
                if (_c.LimeProbe == null)
                    return Unverified($"The profile holds no key for {who}, so whose key Billecta's webhooks use cannot be checked.",
                        $"Create the API key of {who} in LISA or Lime Admin (shown once), store it in a vault, and add it to the profile's Lime secrets as probeApiKey.", "none (no probe key)");
                var t = await _c.LimeProbe.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                if (!t.Success) return FromTest(t, () => "", "GET / with the probe key answered");
                if (_c.Policy != null)
                {
                    probed = new PolicyObservation();
                    await PolicyObserver.ProbeLimeAsync(_c.Policy, _c.LimeProbe.Client, _c.ProbeUser, probed, ct).ConfigureAwait(false);
                }
                var same = string.Equals(_c.LimeProbe.ApiKey.Reveal(), _c.Lime.ApiKey.Reveal(), StringComparison.Ordinal);
                identity = await ProbeKeyIdentity.ProveAsync(_c.Policy, _c.LimeProbe.Client, _c.ProbeUser, probed, same, ct).ConfigureAwait(false);
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

            await Check("Lime", "Integration monitor", async () =>
            {
                var monitor = (await _c.Lime.Client.GetIntegrationMonitorsAsync(ct).ConfigureAwait(false))
                    .FirstOrDefault(m => string.Equals(m.IntegrationKey, _c.MonitorIntegrationKey, StringComparison.OrdinalIgnoreCase));
                const string evidence = "GET limeobject/integration_monitor/ with the profile's apiKey";
                if (monitor == null)
                    return Fail($"No integration_monitor card has integration_key '{_c.MonitorIntegrationKey}'.",
                        $"Create the card by hand in Lime (integration monitor, type message, integration_key {_c.MonitorIntegrationKey}), as the integration monitor's guide says.", evidence);
                if (!monitor.Active) return Warn($"The card '{monitor.Name}' is inactive, so no alerts are computed.", "Set the card active.", evidence);
                if (monitor.AlertStatus == "error") return Warn($"The card '{monitor.Name}' is in alert: {monitor.AlertText}", "Look at the integration's recent logs (Get-IntegrationMonitor).", evidence);
                return Pass($"Card '{monitor.Name}' is active, alert status {monitor.AlertStatus}.", evidence);
            }, ct).ConfigureAwait(false);

            await Check("Lime", "Policies", async () =>
            {
                if (_c.PolicyProblem != null) return Fail(_c.PolicyProblem, "Fix the file (Test-IntegrationPolicy shows the line), or correct the path in the profile.", "the profile's policy files");
                if (_c.Policy == null)
                    return Unverified("The profile names no policy document, so the guide's policy tables are unchecked.",
                        "New-IntegrationPolicy -Path <file>, then set the profile's Lime setting policyPath to it.", "none (no policy document)");
                var observed = probed != null && identity != null && identity.SpeaksForGroup ? probed : new PolicyObservation();
                observed.Declared = _c.PolicyActual;
                await PolicyObserver.ReadLimeUsersAsync(_c.Lime.Client, observed, ct).ConfigureAwait(false);
                var rows = PolicyComparer.Compare(_c.Policy, observed).Where(r => r.Service == "Lime").ToList();
                var note = probed != null && identity != null && !identity.SpeaksForGroup
                    ? $" The probe key's reads were not counted: {identity.Result} (see the webhook key check)." : "";
                return Summarize(rows, "Lime rights and members", _c.PolicyActual, _c.Policy,
                    "Set-IntegrationPolicy -ChecklistPath lisa.md writes the LISA steps; Compare-IntegrationPolicy lists every row.", note);
            }, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// One verdict over a policy comparison, named by its weakest evidence: any difference is a Fail; what no
        /// source shows makes it Unverified; cells only a declared-actual file speaks for make it Attested when
        /// the file names who transcribed it and when, else Unverified; only when every cell was observed, Pass.
        /// </summary>
        static OnboardingResult Summarize(IReadOnlyList<PolicyComparison> rows, string what, PolicyDocument declared, PolicyDocument desired, string fix, string note = "", string unverifiedStep = null)
        {
            var findings = rows.Where(r => r.IsFinding).ToList();
            var observed = rows.Count(r => r.Status == PolicyStatus.Match && r.IsObserved);
            var probes = rows.Count(r => r.Status == PolicyStatus.Match && r.Source == "Probe");
            var declaredCells = rows.Count(r => r.Status == PolicyStatus.Declared);
            var unverified = rows.Count(r => r.Status == PolicyStatus.Unverified);
            var copy = declared != null && declared.HasSameCellsAs(desired);
            var counts = $"{rows.Count} {what}: {observed} observed to match ({probes} by read probes), {declaredCells} declared in {(declared?.SourcePath ?? "no actual-state file")} but not observed, {unverified} unverified, {findings.Count} differ.";
            var copyNote = copy ? $" The declared-actual file has exactly the desired document's cells: it looks copied from it, not transcribed from LISA, so it proves nothing." : "";
            var sources = new List<string>();
            if (probes > 0) sources.Add($"{probes} read probe(s) with the probe key");
            if (rows.Any(r => r.Source == "UserList" && r.Actual != PolicyRightState.Unknown)) sources.Add("Lime's user list");
            if (rows.Any(r => r.Source == "EntitlementApi")) sources.Add("GET employee/entitlement");
            if (declaredCells > 0 || findings.Any(f => f.Source == "Declared")) sources.Add($"{declaredCells} cell(s) as declared in {declared?.SourcePath}" + (declared?.AttestedBy == null ? " (attested by nobody)" : $" (attested by {declared.AttestedBy}{(declared.AttestedOn == null ? "" : " on " + declared.AttestedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))})"));
            var evidence = sources.Count == 0 ? "none (no source could show them)" : string.Join("; ", sources);

            if (findings.Count > 0)
                return Fail($"{findings.Count} of {rows.Count} {what} differ from the document: " +
                    string.Join("; ", findings.Take(5).Select(f => $"{f.Status} {f.Right} for {f.Group} on {f.Policy}{(f.Source == "Declared" ? " (declared)" : "")}")) + (findings.Count > 5 ? "; …" : "") + ". " + counts + note, fix, evidence);
            if (unverified > 0 || declaredCells > 0 && (declared?.AttestedBy == null || declared.AttestedOn == null || copy))
                return Unverified(counts + copyNote + note, unverifiedStep ??
                    ((unverified > 0 ? "Give the profile the API user's key (probeApiKey) and an administrator's apiKey, and " : "") +
                    "transcribe LISA (Security → Policies → Group Access, and Lime Admin → Groups) into an actual-state file (policyActualPath) with attestedBy: and attestedOn:, then run again."), evidence);
            if (declaredCells > 0)
                return Attested(counts + $" The declared cells are {declared.AttestedBy}'s transcription of {declared.AttestedOn:yyyy-MM-dd}." + note,
                    declared.AttestedBy, declared.AttestedOn.Value, evidence);
            return Pass($"All {rows.Count} {what} were observed to match the document. " + counts + note, evidence);
        }

        async Task TripletexAsync(CancellationToken ct)
        {
            await Check("Tripletex", "Environment", () =>
            {
                var t = _c.Tripletex;
                var official = t.BaseUri.Host.EndsWith("tripletex.no", StringComparison.OrdinalIgnoreCase);
                const string evidence = "the profile's environment and base URL";
                return Task.FromResult(t.Environment == TripletexEnvironment.Production && !official
                    ? Warn($"Production tokens are sent to {t.BaseUri}, which is not Tripletex's production host.", "Remove the profile's baseUrl, or set environment: Test for a test or sandbox URL.", evidence)
                    : Pass($"{t.Environment} at {t.BaseUri}.", evidence));
            }, ct).ConfigureAwait(false);

            var blocked = new List<string> { "access", "number series" };
            if (_c.Policy?.Tripletex.Count > 0) blocked.Add("entitlements");
            var session = await Check("Tripletex", "Session", async () =>
            {
                const string evidence = "PUT token/session/:create and GET token/session/>whoAmI";
                try
                {
                    var s = await _c.Tripletex.Client.CreateSessionAsync(ct).ConfigureAwait(false);
                    return Pass($"Session {s.Id} for {s.EmployeeName ?? "the employee"} at {s.CompanyName ?? "the company"}, valid until {s.ExpiresAt:yyyy-MM-dd HH:mm zzz}.", evidence);
                }
                catch (ServiceException ex) when (ex.Reason != ErrorReason.RateLimited)
                {
                    return Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage) + ". Not checked until this passes: " + string.Join(", ", blocked) + ".", ex.RecommendedAction, evidence + " refused");
                }
            }, ct).ConfigureAwait(false);
            if (Blocks(session)) return;

            await Check("Tripletex", "Access", async () =>
            {
                var probes = await _c.Tripletex.Client.TestAccessAsync(ct).ConfigureAwait(false);
                var denied = probes.Where(p => !p.Granted).ToList();
                var evidence = "read probes: " + string.Join(", ", probes.Select(p => p.Probe ?? p.Area));
                return denied.Count == 0
                    ? Pass("The key reads " + string.Join(" and ", probes.Select(p => p.Area.ToLowerInvariant())) + ".", evidence)
                    : Fail("The key cannot read " + string.Join(", ", denied.Select(d => d.Area)) + ".", denied[0].Fix, evidence);
            }, ct).ConfigureAwait(false);

            await Check("Tripletex", "Number series", async () =>
            {
                if (_c.NumberSeries == null)
                    return Unverified("The profile gives no web shop number range (shopInvoiceStart), so the seed's number-series advice is unchecked.",
                        "Set the profile's Tripletex settings shopInvoiceStart (and shopCustomerStart) to the shop's first numbers.", "none (no shop range to compare with)");
                var outcome = await _c.NumberSeries.RunAsync(_c.Tripletex.Client, new DateTime(2000, 1, 1), ct).ConfigureAwait(false);
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
                return Pass($"{outcome.Customers} customers and {outcome.Invoices} invoices, none in the shop's ranges (invoices from {_c.NumberSeries.ShopInvoiceStart}).", evidence);
            }, ct).ConfigureAwait(false);

            if (_c.Policy?.Tripletex.Count > 0)
                await Check("Tripletex", "Entitlements", async () =>
                {
                    var observed = new PolicyObservation();
                    await PolicyObserver.ReadEntitlementsAsync(_c.Policy, _c.Tripletex.Client, observed, ct).ConfigureAwait(false);
                    var rows = PolicyComparer.Compare(_c.Policy, observed).Where(r => r.Service == "Tripletex").ToList();
                    return Summarize(rows, "entitlements", null, _c.Policy, "Set-IntegrationPolicy -TripletexConnection grants the document's template; the rest is in Selskap → Ansatte → Tilganger.",
                        unverifiedStep: "Connect with a user administrator's employee token so GET employee/entitlement can read them, or check Selskap → Ansatte → Tilganger by hand.");
                }, ct).ConfigureAwait(false);
        }

        async Task BillbeeAsync(CancellationToken ct)
        {
            var connected = await Check("Billbee", "Connection and credentials", async () =>
            {
                var t = await _c.Billbee.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{t.User} at {_c.Billbee.BaseUri} is accepted ({t.Details["ShopCount"]} shops).", "a call with the profile's user, API password and API key answered", "order states");
            }, ct).ConfigureAwait(false);

            await Check("Billbee", "Administrator account", () => Task.FromResult(BillbeeAdministrator()), ct).ConfigureAwait(false);
            if (Blocks(connected)) return;

            await Check("Billbee", "Order states", async () =>
            {
                var states = await _c.Billbee.Client.GetOrderStatesAsync(ct).ConfigureAwait(false);
                const string evidence = "GET enums/orderstates";
                var unknown = (_c.BillbeeImportStateIds ?? new int[0]).Where(id => states.All(s => s.Id != id)).ToList();
                if (unknown.Count > 0)
                    return Fail($"The profile imports state ids {string.Join(", ", unknown)}, which Billbee does not list.", "Use ids from Get-BillbeeOrderState in the profile's importStateIds.", evidence);
                var listed = _c.BillbeeImportStateIds?.Length > 0
                    ? string.Join(", ", _c.BillbeeImportStateIds.Select(id => $"{id} {states.First(s => s.Id == id).Name}"))
                    : string.Join(", ", states.Take(4).Select(s => $"{s.Id} {s.Name}")) + ", …";
                return Pass($"{states.Count} states; ids for the importer's settings: {listed}.", evidence);
            }, ct).ConfigureAwait(false);
        }

        /// <summary>Billbee's API shows no roles: the best there is, is a person's word, named with who and when (the profile's administratorConfirmedBy "who, yyyy-MM-dd").</summary>
        OnboardingResult BillbeeAdministrator()
        {
            const string record = "Check in Billbee (Einstellungen → Benutzer) that the user is an administrator, then record who checked and when: New-IntegrationProfile <name> Billbee -Setting @{ administratorConfirmedBy = '<who>, <yyyy-MM-dd>' } -Force (with the other settings).";
            var text = _c.BillbeeAdministratorConfirmedBy;
            if (string.IsNullOrWhiteSpace(text))
                return Unverified("Billbee's API does not show a user's role, and the guide requires an administrator; nobody has recorded checking it.", record, "none (the API shows no roles; nothing recorded)");
            // "<who>, <yyyy-MM-dd>" or any text naming a person first and holding a date, e.g. "K. Nordmann, checked in Billbee 2026-11-23".
            var date = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{4}-\d{2}-\d{2})\b");
            var comma = text.IndexOf(',');
            var who = (comma < 0 ? text.Replace(date.Value, "") : text.Substring(0, comma)).Trim();
            var evidence = "the profile's administratorConfirmedBy, typed by a person; not observed (the API shows no roles)";
            if (!date.Success || who.Length == 0 || !DateTime.TryParseExact(date.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                return Unverified($"The profile records '{text}' as having confirmed the administrator role, but not as who and when (a name and a yyyy-MM-dd date), so it cannot be signed as an attestation.", record, evidence);
            return Attested($"{who} attested on {on:yyyy-MM-dd} that the Billbee user is an administrator; the API cannot show roles.", who, on, evidence);
        }

        async Task IFirmaAsync(CancellationToken ct)
        {
            // One row per key iFirma issues: a profile holding some keys says nothing of the others.
            var tests = (await CheckKeysAsync(ct).ConfigureAwait(false)) ?? new List<ConnectionTestResult>();
            foreach (var key in IFirmaKeys.All)
            {
                await Check("IFirma", "Key: " + key, () =>
                {
                    if (_keysError != null) return Task.FromResult(_keysError);
                    var t = tests.FirstOrDefault(x => x.Check == key);
                    if (t == null)
                        return Task.FromResult(Unverified($"The profile holds no {key} key, so calls signed with it were not tried.",
                            $"If the integration uses {key} ({KeyUse(key)}), generate it in iFirma (Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API ➡ wygeneruj) and add it to the profile's secrets as {KeySecret(key)}.",
                            "none (no key in the profile)"));
                    var evidence = $"a call signed with the {key} key ({KeyProbe(key)})";
                    if (t.Success)
                        return Task.FromResult(Pass($"The {key} key is accepted for {_c.IFirma.Login}." + (t.Notes.Count > 0 ? " " + string.Join(" ", t.Notes) : ""), evidence + " was accepted"));
                    return Task.FromResult(IsThrottled(t) ? Throttled(t.Cause) : Fail($"The {key} key: {t.Cause}", t.Fix, evidence + " was refused"));
                }, ct).ConfigureAwait(false);
            }

            await Check("IFirma", "API limit", async () =>
            {
                var limit = await _c.IFirma.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                const string evidence = "iFirma's limit call (granted and used this month)";
                var share = limit.Granted == 0 ? 0 : (double)limit.Remaining / limit.Granted;
                var raise = "Request-IFirmaApiLimit shows what to ask for; in iFirma: Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API ➡ Limity API (it may need iFirma's approval, so ask early).";
                if (limit.Remaining <= 0) return Fail($"The monthly limit is used up ({limit.Used} of {limit.Granted}); calls fail until {limit.ResetsOn:yyyy-MM-dd}.", raise, evidence);
                if (share < _c.IFirmaWarnBelow)
                    return Warn($"{limit.Used} of {limit.Granted} calls used this month; {limit.Remaining} ({share.ToString("P0", CultureInfo.InvariantCulture)}) left until {limit.ResetsOn:yyyy-MM-dd}.", raise, evidence);
                return Pass($"{limit.Used} of {limit.Granted} calls used this month.", evidence);
            }, ct).ConfigureAwait(false);
        }

        OnboardingResult _keysError;

        /// <summary>The core's judgement of each held key; an error that stops them all becomes every held key's result.</summary>
        async Task<IReadOnlyList<ConnectionTestResult>> CheckKeysAsync(CancellationToken ct)
        {
            try { return await _c.IFirma.Client.TestKeysAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { _keysError = Throttled(ex.Summary); }
            catch (ServiceException ex) { _keysError = Fail(ex.Summary, ex.RecommendedAction, "the service's answer to the key probes"); }
            return null;
        }

        static string KeySecret(string key) =>
            key == IFirmaKeys.Faktura ? "invoiceKey" : key == IFirmaKeys.Rachunek ? "billKey" : key == IFirmaKeys.Abonent ? "subscriberKey" : "expenseKey";

        static string KeyUse(string key) =>
            key == IFirmaKeys.Faktura ? "invoices" : key == IFirmaKeys.Rachunek ? "bills" : key == IFirmaKeys.Abonent ? "account data, the accounting month and the API limit" : "expenses";

        static string KeyProbe(string key) =>
            key == IFirmaKeys.Faktura ? "GET faktury.json" : key == IFirmaKeys.Rachunek ? "POST rachunekkraj.json with an empty document" : key == IFirmaKeys.Abonent ? "GET the accounting month" : "POST zakuptowaruvat.json with an empty document";
    }
}
