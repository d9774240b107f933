using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>iFirma's profile entry (login, one secret per key iFirma issues) and the connection made from it.</summary>
    public sealed class IFirmaService : IntegrationService<IFirmaConnection>
    {
        /// <summary>The profile's secret name of each key iFirma issues: the one place the two names meet.</summary>
        public static readonly IReadOnlyList<(string Secret, string Key)> KeySecrets = new[]
        {
            ("invoiceKey", IFirmaKeys.Faktura), ("billKey", IFirmaKeys.Rachunek), ("subscriberKey", IFirmaKeys.Abonent), ("expenseKey", IFirmaKeys.Wydatek),
        };

        // After KeySecrets: the instance's Secrets are made from them.
        public static readonly IFirmaService Instance = new IFirmaService();

        public static string SecretOf(string key) => KeySecrets.First(k => k.Key == key).Secret;

        public override string Name => "IFirma";
        public override IReadOnlyList<string> Settings { get; } = new[] { "baseUrl", "login" };
        public override IReadOnlyList<string> Secrets { get; } = KeySecrets.Select(k => k.Secret).ToArray();

        public override IFirmaConnection Connect(ProfileEntry entry, TransportOptions transport)
        {
            var login = entry.Setting("login") ?? throw entry.Problem("The profile's iFirma connection has no login.", "Add -Setting @{ login = '<ifirma.pl login>' }.");
            var keys = new Dictionary<string, Secret>();
            foreach (var (secret, key) in KeySecrets)
            {
                var value = entry.Secret(secret, false);
                if (value != null) keys[key] = value;
            }
            if (keys.Count == 0)
                throw entry.Problem("The profile's iFirma connection resolves no key.", "Add at least invoiceKey and subscriberKey references; keys are generated in iFirma: Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API.");
            try { return new IFirmaConnection(login, keys, entry.Url(), transport); }
            catch (FormatException ex) { throw entry.Problem("An iFirma key in the profile's references is not valid: " + SecretRedactor.Redact(ex.Message), "Regenerate the key in iFirma and store it again."); }
        }

        public override ServiceOnboarding NewOnboarding() => new IFirmaOnboarding();
    }
}
