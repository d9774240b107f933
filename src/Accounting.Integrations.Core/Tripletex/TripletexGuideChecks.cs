using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>The steps of guide 001 the older checks left out: the "Integrasjoner" add-on, an accountant's clients, Mystore's wizard.</summary>
    public static class TripletexGuideChecks
    {
        const string Service = "Tripletex";

        /// <summary>Its steps of the setup guides (../shared/seeds) in their order, each with the onboarding row that reports it.</summary>
        public static readonly GuideStep[] Steps =
        {
            new GuideStep("001", "Bestill tilleggstjenesten \"Integrasjoner\" (Smart og oppover)", Service, "Integrasjoner add-on"),
            new GuideStep("001", "Opprett brukernøkkel (employee token)", Service, "Session"),
            new GuideStep("001", "Tilpasset oppsett: the key's access", Service, "Access"),
            new GuideStep("001", "Oppsett i Mystore: Installasjonsveileder", Service, "Mystore installation wizard"),
            new GuideStep("001", "Unngå konflikt med kundenummer (100000)", Service, "Number series"),
            new GuideStep("001", "Unngå konflikt med fakturanummer (50000; shop from 6000)", Service, "Number series"),
            new GuideStep("issue 20", "An accountant's client companies, checked per company", Service, "Client companies"),
            new GuideStep("issue 20", "Tripletex webhook subscriptions", Service, "Webhooks"),
        };

        /// <summary>
        /// ASSUMPTION (tripletex.md §8.1 and §13 leave it open): the add-on shows as one of these sales modules. Both are
        /// names of the OpenAPI's SalesModule enum; API_V2 matches help article 853's "API 2.0" module.
        /// </summary>
        public static readonly string[] AddonModules = { "API_V2", "INTEGRATION_PARTNER" };
        /// <summary>"Tjenesten er tilgjengelig for pakken Smart og oppover" (seed 001).</summary>
        public static readonly string[] SmartOrAbove = { "SMART", "KOMPLETT", "SMART_WAGE", "SMART_TIME_TRACKING", "SMART_PROJECT", "ACCOUNTING_OFFICE" };

        public const string AddonStep = "In Tripletex, as an account or user administrator: Selskap > Mitt abonnement (or Vår kundeside) > order the add-on \"Integrasjoner\" (needs the package Smart or above), read the terms and click \"Aktiver\".";

        /// <summary>
        /// Guide 001's first step. A working session proves a usable employee token, which the add-on is needed for; the
        /// sales-module list is read where it answers. Unverified with the manual step where it does not.
        /// </summary>
        public static async Task<OnboardingResult> AddonAsync(TripletexClient client, CancellationToken ct)
        {
            const string evidence = "GET company/salesmodules";
            IReadOnlyList<TripletexSalesModule> modules;
            try { modules = await client.GetSalesModulesAsync(ct).ConfigureAwait(false); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization || ex.Reason == ErrorReason.NotFound)
            {
                return GuideRow.Unverified($"Tripletex did not list the sales modules ({ex.Summary}), so whether \"Integrasjoner\" is active cannot be read.", AddonStep + " Then confirm it is listed there as active.", evidence + " refused (HTTP " + ex.HttpStatus + ")");
            }
            var names = modules.Select(m => m.Name).Where(n => n != null).ToList();
            var addon = names.FirstOrDefault(n => AddonModules.Contains(n, StringComparer.OrdinalIgnoreCase));
            var package = names.FirstOrDefault(n => SmartOrAbove.Contains(n, StringComparer.OrdinalIgnoreCase));
            var listed = string.Join(", ", names);
            if (addon != null)
                return GuideRow.Pass($"The company's sales modules include {addon}, taken as the \"Integrasjoner\" add-on (ASSUMPTION: that name is unverified), and {(package ?? "no Smart-or-above package")}. All: {listed}.", evidence);
            var packageNote = package == null ? " No Smart-or-above package is listed either, and the add-on needs one." : $" The package is {package}.";
            return GuideRow.Warn($"The sales modules ({listed}) include neither {string.Join(" nor ", AddonModules)}.{packageNote} The add-on may be listed under another name (how it shows is unverified), or not be ordered.",
                AddonStep, evidence);
        }

        /// <summary>
        /// An accountant's login: the client companies it reaches (GET company/>withLoginAccess), and per company the
        /// same session, access and add-on checks, with the row's id as the login's username (tripletex.md §2.4; see
        /// <see cref="TripletexClient.GetClientCompaniesAsync"/> for why the id and not customerCompanyId).
        /// </summary>
        public static async Task<IReadOnlyList<(string Check, OnboardingResult Result)>> ClientCompaniesAsync(TripletexConnection connection, CancellationToken ct)
        {
            const string evidence = "GET company/>withLoginAccess";
            var clients = await connection.Client.GetClientCompaniesAsync(ct).ConfigureAwait(false);
            var rows = new List<(string, OnboardingResult)>();
            if (clients.Count == 0)
            {
                rows.Add(("Client companies", GuideRow.Pass("The employee token reaches no client companies: it is the company's own, and the other rows are about that company.", evidence)));
                return rows;
            }
            rows.Add(("Client companies", GuideRow.Pass($"The token is an accountant's: it reaches {clients.Count} client companies ({string.Join(", ", clients.Select(c => $"{c.Name} {c.CompanyId}"))}); each is checked in its own row, logged in with its company id.", evidence)));
            foreach (var client in clients)
            {
                var check = $"Client company: {client.Name} ({client.CompanyId})";
                using (var company = connection.ForCompany(client.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    try
                    {
                        var probes = await company.Client.TestAccessAsync(ct).ConfigureAwait(false);
                        var addon = await AddonAsync(company.Client, ct).ConfigureAwait(false);
                        var denied = probes.Where(p => !p.Granted).ToList();
                        var probeEvidence = "with username " + client.CompanyId + ": " + string.Join(", ", probes.Select(p => p.Probe)) + ", " + addon.Evidence;
                        var access = denied.Count == 0 ? "reads " + string.Join(" and ", probes.Select(p => p.Area.ToLowerInvariant())) : "cannot read " + string.Join(", ", denied.Select(d => d.Area));
                        var status = denied.Count > 0 ? OnboardingStatus.Fail : addon.Status;
                        rows.Add((check, GuideRow.Make(status, $"The login {access}. Add-on: {addon.Detail}", denied.Count > 0 ? denied[0].Fix : addon.Fix, probeEvidence)));
                    }
                    catch (ServiceException ex) when (ex.Reason != ErrorReason.RateLimited)
                    {
                        rows.Add((check, GuideRow.Fail($"The login to {client.Name} failed: {ex.Summary}.", ex.RecommendedAction, $"calls with username {client.CompanyId} refused (HTTP {ex.HttpStatus})")));
                    }
                    // Leave no session behind at the client company (the main one is removed when onboarding finishes).
                    try { await company.Client.DeleteSessionAsync(ct).ConfigureAwait(false); }
                    catch (ServiceException) { }
                }
            }
            return rows;
        }

        /// <summary>Mystore's "Installasjonsveileder" has no API: the exact steps, with the key to paste.</summary>
        public static OnboardingResult MystoreWizard(string employeeName) => GuideRow.Manual(
            "Mystore's Tripletex wizard has no API; the module cannot see whether the key was entered there.",
            "In the Mystore control panel: Apps og AI > Innstillinger > \"Installasjonsveileder\" on \"Tripletex V2 - Støtte for automatisk regnskapsføring\" > \"Kom i gang\" > paste the employee token "
            + (employeeName == null ? "" : $"(the key made on {employeeName}'s API-tilgang tab) ") + "> \"Sånn! Jeg har limt inn nøkkelen\".");
    }
}
