using System.Collections.Generic;
using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>
    /// A sandbox started by Start-IntegrationSandbox: its address, its process, and the demo accounts of each
    /// service, secrets as SecureString/PSCredential so that scripts handle them as they would real ones.
    /// </summary>
    public sealed class IntegrationSandbox
    {
        public string Url { get; internal set; }
        public int ProcessId { get; internal set; }
        public SandboxBillbeeAccount Billbee { get; internal set; }
        public SandboxTripletexAccount Tripletex { get; internal set; }
        public SandboxIFirmaAccount IFirma { get; internal set; }
        public SandboxBillectaAccount Billecta { get; internal set; }
        public SandboxLimeAccount Lime { get; internal set; }

        internal static IntegrationSandbox From(string url, int processId, IReadOnlyDictionary<string, string> a)
        {
            string Get(string key) => a.TryGetValue(key, out var v) ? v : null;
            string Url(string key) => url + Get(key);
            return new IntegrationSandbox
            {
                Url = url,
                ProcessId = processId,
                Billbee = new SandboxBillbeeAccount
                {
                    BaseUrl = Url("billbee.baseUrl"),
                    Credential = new PSCredential(Get("billbee.username"), Secure(Get("billbee.apiPassword"))),
                    ApiKey = Secure(Get("billbee.apiKey")),
                },
                Tripletex = new SandboxTripletexAccount
                {
                    BaseUrl = Url("tripletex.baseUrl"),
                    ConsumerToken = Secure(Get("tripletex.consumerToken")),
                    EmployeeToken = Secure(Get("tripletex.employeeToken")),
                    IntegrationEmployeeId = int.TryParse(Get("tripletex.integrationEmployee.id"), out var id) ? id : 0,
                    IntegrationEmployeeName = Get("tripletex.integrationEmployee.name"),
                },
                IFirma = new SandboxIFirmaAccount
                {
                    BaseUrl = Url("ifirma.baseUrl"),
                    Login = Get("ifirma.login"),
                    InvoiceKey = Secure(Get("ifirma.keys.faktura")),
                    BillKey = Secure(Get("ifirma.keys.rachunek")),
                    SubscriberKey = Secure(Get("ifirma.keys.abonent")),
                    ExpenseKey = Secure(Get("ifirma.keys.wydatek")),
                },
                Billecta = new SandboxBillectaAccount
                {
                    ProductionUrl = Url("billecta.productionUrl"),
                    TestUrl = Url("billecta.testUrl"),
                    Credential = new PSCredential(Get("billecta.production.username"), Secure(Get("billecta.production.password"))),
                    TestCredential = new PSCredential(Get("billecta.test.username"), Secure(Get("billecta.test.password"))),
                },
                Lime = new SandboxLimeAccount
                {
                    BaseUrl = Url("lime.baseUrl"),
                    Application = Get("lime.application"),
                    ApiKey = Secure(Get("lime.apiKey")),
                    WebhookUser = Get("lime.webhookUser"),
                    WebhookApiKey = Secure(Get("lime.webhookApiKey")),
                },
            };
        }

        static SecureString Secure(string value)
        {
            var s = new SecureString();
            foreach (var c in value ?? "") s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }

    public sealed class SandboxBillbeeAccount
    {
        public string BaseUrl { get; internal set; }
        public PSCredential Credential { get; internal set; }
        public SecureString ApiKey { get; internal set; }
    }

    public sealed class SandboxTripletexAccount
    {
        public string BaseUrl { get; internal set; }
        public SecureString ConsumerToken { get; internal set; }
        /// <summary>The administrator's employee token.</summary>
        public SecureString EmployeeToken { get; internal set; }
        /// <summary>The employee whose rights an integration's policy document pins down (read access only).</summary>
        public int IntegrationEmployeeId { get; internal set; }
        public string IntegrationEmployeeName { get; internal set; }
    }

    public sealed class SandboxIFirmaAccount
    {
        public string BaseUrl { get; internal set; }
        public string Login { get; internal set; }
        public SecureString InvoiceKey { get; internal set; }
        public SecureString BillKey { get; internal set; }
        public SecureString SubscriberKey { get; internal set; }
        public SecureString ExpenseKey { get; internal set; }
    }

    public sealed class SandboxBillectaAccount
    {
        public string ProductionUrl { get; internal set; }
        public string TestUrl { get; internal set; }
        public PSCredential Credential { get; internal set; }
        public PSCredential TestCredential { get; internal set; }
    }

    public sealed class SandboxLimeAccount
    {
        public string BaseUrl { get; internal set; }
        public string Application { get; internal set; }
        public SecureString ApiKey { get; internal set; }
        public string WebhookUser { get; internal set; }
        public SecureString WebhookApiKey { get; internal set; }
    }
}
