using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>A profile entry that cannot make a connection: which setting or secret, and how to fix it. Never carries a secret value.</summary>
    internal sealed class ProfileProblemException : Exception
    {
        public ProfileProblemException(string service, string message, string fix) : base(message)
        {
            Service = service;
            Fix = fix;
        }

        public string Service { get; }
        public string Fix { get; }
    }

    /// <summary>
    /// Builds connections from a saved profile: plain settings as they are, secrets resolved from their
    /// references (vault or environment variable) on the pipeline thread. Used by Connect-* -Profile and
    /// Invoke-IntegrationOnboarding.
    /// </summary>
    internal sealed class ProfileConnections
    {
        readonly PSCmdlet _cmdlet;
        readonly SecretResolver _secrets;

        public ProfileConnections(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            _secrets = new SecretResolver(cmdlet);
        }

        /// <summary>The named profile, or a terminating error naming -Profile.</summary>
        public IntegrationProfile Load(string name)
        {
            IntegrationProfile profile = null;
            try { profile = new ProfileStore().Get(name); }
            catch (InvalidDataException ex) { Stop(ex.Message, name, ErrorIds.ProfileInvalid); }
            if (profile == null) Stop($"There is no profile '{name}'; Get-IntegrationProfile lists them, New-IntegrationProfile makes one.", name, ErrorIds.InvalidParameter);
            return profile;
        }

        /// <summary>The profile's entry for a service, or a terminating error naming -Profile.</summary>
        public ServiceSettings Service(IntegrationProfile profile, string service)
        {
            if (profile.Services.TryGetValue(service, out var settings)) return settings;
            Stop($"Profile '{profile.Name}' has no {service} connection; add one with New-IntegrationProfile {profile.Name} {service} ….", profile.Name, ErrorIds.InvalidParameter);
            return null;
        }

        void Stop(string message, object target, string errorId) =>
            _cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Profile", message, target, errorId));

        static string Setting(ServiceSettings s, string name) => s.Settings.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        static Uri Url(string service, ServiceSettings s)
        {
            var text = Setting(s, "baseUrl");
            if (text == null) return null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || Core.Http.CredentialTarget.Problem(url) != null)
                throw new ProfileProblemException(service, $"The profile's {service} baseUrl '{text}' is not an https:// URL (plain http is for a local sandbox only).", "Fix baseUrl with New-IntegrationProfile … -Force.");
            return url.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? url : new Uri(url.AbsoluteUri + "/");
        }

        static int? Number(string service, ServiceSettings s, string name)
        {
            var text = Setting(s, name);
            if (text == null) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
            throw new ProfileProblemException(service, $"The profile's {service} setting {name} is '{text}', not a positive whole number.", $"Fix {name} with New-IntegrationProfile … -Force.");
        }

        /// <summary>Resolves a secret reference; a missing or empty one is a problem that names the reference, never a value.</summary>
        Secret Secret(string service, ServiceSettings s, string name, bool required)
        {
            if (!s.Secrets.TryGetValue(name, out var reference) || reference == null)
            {
                if (!required) return null;
                throw new ProfileProblemException(service, $"The profile's {service} connection has no '{name}' secret reference.",
                    $"Add it: New-IntegrationProfile <name> {service} -SecretReference @{{ {name} = 'vault:Vault/Secret' }} -Force (with the other settings).");
            }
            Secret value;
            try { value = _secrets.Resolve(null, reference.Vault, reference.SecretName, reference.EnvironmentVariable); }
            catch (RuntimeException ex) when (!(ex is PipelineStoppedException))
            {
                throw new ProfileProblemException(service, $"The {service} secret '{name}' ({reference}) could not be read: {SecretRedactor.Redact(ex.Message)}",
                    "Check the vault and secret name with Get-SecretInfo, and that the vault is unlocked.");
            }
            if (value == null || value.IsEmpty)
            {
                if (!required) return null;
                throw new ProfileProblemException(service, $"The {service} secret '{name}' refers to {reference}, which is empty or not set.",
                    reference.IsEnvironment ? $"Set the environment variable {reference.EnvironmentVariable} for the account that runs this." : "Store the secret with Set-Secret.");
            }
            return value;
        }

        public BillbeeConnection Billbee(ServiceSettings s, TransportOptions transport)
        {
            var user = Setting(s, "username") ?? throw new ProfileProblemException("Billbee", "The profile's Billbee connection has no username.", "Add -Setting @{ username = '<Billbee login>' }; the user must be an administrator in Billbee.");
            return new BillbeeConnection(Url("Billbee", s) ?? BillbeeConnection.DefaultBaseUri, user, Secret("Billbee", s, "apiPassword", true), Secret("Billbee", s, "apiKey", true), transport);
        }

        public TripletexConnection Tripletex(ServiceSettings s, TransportOptions transport)
        {
            var environment = Setting(s, "environment");
            if (environment != null && !environment.Equals("Production", StringComparison.OrdinalIgnoreCase) && !environment.Equals("Test", StringComparison.OrdinalIgnoreCase))
                throw new ProfileProblemException("Tripletex", $"The profile's Tripletex environment is '{environment}'; it is Production or Test.", "Fix environment with New-IntegrationProfile … -Force.");
            var test = environment != null && environment.Equals("Test", StringComparison.OrdinalIgnoreCase);
            return new TripletexConnection(test ? TripletexEnvironment.Test : TripletexEnvironment.Production,
                Secret("Tripletex", s, "consumerToken", true), Secret("Tripletex", s, "employeeToken", true), Url("Tripletex", s),
                Setting(s, "companyId") ?? "0", Number("Tripletex", s, "sessionDays") ?? 2, transport);
        }

        /// <summary>The web shop's ranges for the number-series check; null when the profile names no shop range.</summary>
        public static NumberSeriesCheck NumberSeries(ServiceSettings s)
        {
            var shopInvoice = Number("Tripletex", s, "shopInvoiceStart");
            if (shopInvoice == null) return null;
            return new NumberSeriesCheck
            {
                ShopInvoiceStart = shopInvoice.Value, ShopCustomerStart = Number("Tripletex", s, "shopCustomerStart"),
                TripletexInvoiceStart = Number("Tripletex", s, "invoiceStart") ?? 50000, TripletexCustomerStart = Number("Tripletex", s, "customerStart") ?? 100000,
            };
        }

        public IFirmaConnection IFirma(ServiceSettings s, TransportOptions transport)
        {
            var login = Setting(s, "login") ?? throw new ProfileProblemException("IFirma", "The profile's iFirma connection has no login.", "Add -Setting @{ login = '<ifirma.pl login>' }.");
            var keys = new Dictionary<string, Secret>();
            foreach (var (secret, key) in new[] { ("invoiceKey", IFirmaKeys.Faktura), ("billKey", IFirmaKeys.Rachunek), ("subscriberKey", IFirmaKeys.Abonent), ("expenseKey", IFirmaKeys.Wydatek) })
            {
                var value = Secret("IFirma", s, secret, false);
                if (value != null) keys[key] = value;
            }
            if (keys.Count == 0)
                throw new ProfileProblemException("IFirma", "The profile's iFirma connection resolves no key.", "Add at least invoiceKey and subscriberKey references; keys are generated in iFirma: Login ➡ Konfiguracja ➡ Rozszerzenia i integracje ➡ API.");
            try { return new IFirmaConnection(login, keys, Url("IFirma", s), transport); }
            catch (FormatException ex) { throw new ProfileProblemException("IFirma", "An iFirma key in the profile's references is not valid: " + SecretRedactor.Redact(ex.Message), "Regenerate the key in iFirma and store it again."); }
        }

        public BillectaConnection Billecta(ServiceSettings s, TransportOptions transport)
        {
            var test = string.Equals(Setting(s, "environment"), "Test", StringComparison.OrdinalIgnoreCase);
            var value = Secret("Billecta", s, "authorization", true);
            var check = BillectaAuthorization.Check(value.Reveal());
            if (!check.Valid)
                throw new ProfileProblemException("Billecta", "The profile's Billecta authorization value is malformed: " + string.Join(" ", check.Problems), check.Fix);
            var url = Url("Billecta", s);
            return new BillectaConnection(test ? BillectaEnvironment.Test : BillectaEnvironment.Production, value, test ? null : url, test ? url : null, transport);
        }

        public LimeConnection Lime(ServiceSettings s, TransportOptions transport, string keyName = "apiKey")
        {
            var url = Url("Lime", s) ?? throw new ProfileProblemException("Lime", "The profile's Lime connection has no baseUrl.", "Add -Setting @{ baseUrl = 'https://<customer>.lime-crm.com/<application>/api/v1/' }.");
            var key = Secret("Lime", s, keyName, keyName == "apiKey");
            return key == null ? null : new LimeConnection(url, key, Number("Lime", s, "requestsPerFiveMinutes") ?? 3000, transport);
        }

        public static string SettingOf(ServiceSettings s, string name) => Setting(s, name);
    }
}
