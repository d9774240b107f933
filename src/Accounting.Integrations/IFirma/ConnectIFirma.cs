using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Connect-IFirma: makes the session's iFirma connection from the login and any of the four area keys.</summary>
    [Cmdlet(VerbsCommunications.Connect, "IFirma", DefaultParameterSetName = "Direct")]
    [OutputType(typeof(IFirmaConnection))]
    public sealed class ConnectIFirma : ConnectCmdlet
    {
        public const string LoginVariable = "IFIRMA_LOGIN";

        /// <summary>A saved profile (New-IntegrationProfile) to take the settings and secret references from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        [Parameter(Position = 0)]
        public string Login { get; set; }

        [Parameter] public SecureString InvoiceKey { get; set; }
        [Parameter] public SecureString BillKey { get; set; }
        [Parameter] public SecureString SubscriberKey { get; set; }
        [Parameter] public SecureString ExpenseKey { get; set; }

        [Parameter] public string InvoiceKeySecretName { get; set; }
        [Parameter] public string BillKeySecretName { get; set; }
        [Parameter] public string SubscriberKeySecretName { get; set; }
        [Parameter] public string ExpenseKeySecretName { get; set; }

        [Parameter] public string Vault { get; set; }

        [Parameter]
        [ValidateRange(0, 1000000)]
        public int LimitReserve { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProfileSet)
            {
                ConnectFromProfile(Profile, IFirmaService.Instance, c => $"iFirma connection for {c.Login} with keys {string.Join(", ", c.KeyNames)}");
                return;
            }
            CheckBaseUrl("iFirma");
            var login = string.IsNullOrEmpty(Login) ? Environment.GetEnvironmentVariable(LoginVariable) : Login;
            if (string.IsNullOrWhiteSpace(login)) Fail("Login", $"No iFirma login: pass -Login (the ifirma.pl login, usually an e-mail address) or set {LoginVariable}.");

            var secrets = new SecretResolver(this);
            var keys = new Dictionary<string, Secret>();
            void Add(string name, SecureString direct, string secretName, string parameter)
            {
                var key = secrets.Resolve(direct, Vault, secretName, "IFIRMA_KEY_" + name.ToUpperInvariant());
                if (key == null) return;
                // Each key checked on its own, so the error names the parameter that holds the bad one.
                try { IFirmaSigner.DecodeKey(key.Reveal()); }
                catch (FormatException ex) { Fail(direct != null || secretName == null ? parameter : parameter + "SecretName", $"The iFirma {name} key (-{parameter}) is not valid: " + ex.Message); }
                keys[name] = key;
            }
            Add(IFirmaKeys.Faktura, InvoiceKey, InvoiceKeySecretName, "InvoiceKey");
            Add(IFirmaKeys.Rachunek, BillKey, BillKeySecretName, "BillKey");
            Add(IFirmaKeys.Abonent, SubscriberKey, SubscriberKeySecretName, "SubscriberKey");
            Add(IFirmaKeys.Wydatek, ExpenseKey, ExpenseKeySecretName, "ExpenseKey");
            if (keys.Count == 0)
                Fail("InvoiceKey", "No iFirma key given: pass at least one of -InvoiceKey (faktura), -BillKey (rachunek), -SubscriberKey (abonent), -ExpenseKey (wydatek), their -…SecretName with -Vault, or IFIRMA_KEY_FAKTURA etc. Keys are generated in iFirma: Login > Konfiguracja > Rozszerzenia i integracje > API.");
            if (!keys.ContainsKey(IFirmaKeys.Abonent))
                WriteWarning("No abonent key (-SubscriberKey): the API limit cannot be read, so bulk reads cannot stop before it runs out.");

            IFirmaConnection connection = null;
            try
            {
                connection = new IFirmaConnection(login, keys, BaseUrl, Transport());
            }
            catch (FormatException ex)
            {
                Fail("InvoiceKey", "An iFirma key is not valid: " + ex.Message);
            }
            connection.Client.LimitReserve = LimitReserve;
            Publish(connection, $"iFirma connection for {login} with keys {string.Join(", ", connection.KeyNames)}");
        }

    }
}
