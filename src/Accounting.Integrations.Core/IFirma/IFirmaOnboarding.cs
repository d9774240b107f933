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

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>iFirma's onboarding checks: one row per key iFirma issues, and the monthly API limit.</summary>
    public sealed class IFirmaOnboarding : ServiceOnboarding
    {
        IFirmaConnection _ifirma;
        /// <summary>Warn when less than this share of the monthly limit remains.</summary>
        const double WarnBelow = 0.10;

        public override string Service => "IFirma";

        public override void Prepare(OnboardingProfile profile, TransportOptions transport) => _ifirma = IFirmaService.Instance.Connect(profile.Own, transport);

        protected override async Task ChecksAsync(CancellationToken ct)
        {
            // One row per key iFirma issues: a profile holding some keys says nothing of the others.
            var tests = (await CheckKeysAsync(ct).ConfigureAwait(false)) ?? new List<ConnectionTestResult>();
            foreach (var key in IFirmaKeys.All)
            {
                await Check("Key: " + key, () =>
                {
                    if (_keysError != null) return Task.FromResult(_keysError);
                    var t = tests.FirstOrDefault(x => x.Check == key);
                    if (t == null)
                        return Task.FromResult(Unverified($"The profile holds no {key} key, so calls signed with it were not tried.",
                            $"If the integration uses {key} ({KeyUse(key)}), generate it in iFirma (Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API ➡ wygeneruj) and add it to the profile's secrets as {IFirmaService.SecretOf(key)}.",
                            "none (no key in the profile)"));
                    var evidence = $"a call signed with the {key} key ({KeyProbe(key)})";
                    if (t.Success)
                        return Task.FromResult(Pass($"The {key} key is accepted for {_ifirma.Login}." + (t.Notes.Count > 0 ? " " + string.Join(" ", t.Notes) : ""), evidence + " was accepted"));
                    return Task.FromResult(IsThrottled(t) ? Throttled(t.Cause) : Fail($"The {key} key: {t.Cause}", t.Fix, evidence + " was refused"));
                }, ct).ConfigureAwait(false);
            }

            await Check("API limit", async () =>
            {
                var limit = await _ifirma.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                const string evidence = "iFirma's limit call (granted and used this month)";
                var share = limit.Granted == 0 ? 0 : (double)limit.Remaining / limit.Granted;
                var raise = "Request-IFirmaApiLimit shows what to ask for; in iFirma: Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API ➡ Limity API (it may need iFirma's approval, so ask early).";
                if (limit.Remaining <= 0) return Fail($"The monthly limit is used up ({limit.Used} of {limit.Granted}); calls fail until {limit.ResetsOn:yyyy-MM-dd}.", raise, evidence);
                if (share < WarnBelow)
                    return Warn($"{limit.Used} of {limit.Granted} calls used this month; {limit.Remaining} ({share.ToString("P0", CultureInfo.InvariantCulture)}) left until {limit.ResetsOn:yyyy-MM-dd}.", raise, evidence);
                return Pass($"{limit.Used} of {limit.Granted} calls used this month.", evidence);
            }, ct).ConfigureAwait(false);
        }

        OnboardingResult _keysError;

        /// <summary>The core's judgement of each held key; an error that stops them all becomes every held key's result.</summary>
        async Task<IReadOnlyList<ConnectionTestResult>> CheckKeysAsync(CancellationToken ct)
        {
            try { return await _ifirma.Client.TestKeysAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { _keysError = Throttled(ex.Summary); }
            catch (ServiceException ex) { _keysError = Fail(ex.Summary, ex.RecommendedAction, "the service's answer to the key probes"); }
            return null;
        }

        static string KeyUse(string key) =>
            key == IFirmaKeys.Faktura ? "invoices" : key == IFirmaKeys.Rachunek ? "bills" : key == IFirmaKeys.Abonent ? "account data, the accounting month and the API limit" : "expenses";

        static string KeyProbe(string key) =>
            key == IFirmaKeys.Faktura ? "GET faktury.json" : key == IFirmaKeys.Rachunek ? "POST rachunekkraj.json with an empty document" : key == IFirmaKeys.Abonent ? "GET the accounting month" : "POST zakuptowaruvat.json with an empty document";

        public override void Dispose() => _ifirma?.Dispose();
    }
}
