using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>IFirma's part of the object Start-IntegrationSandbox returns: its demo account, read from the sandbox's /_sandbox/accounts.</summary>
    public sealed partial class IntegrationSandbox
    {
        public SandboxIFirmaAccount IFirma { get; internal set; }

        internal static void ReadIFirma(IntegrationSandbox sandbox, SandboxAccountReader a) =>
            sandbox.IFirma = new SandboxIFirmaAccount
            {
                BaseUrl = a.Url("ifirma.baseUrl"),
                Login = a.Get("ifirma.login"),
                InvoiceKey = a.Secure("ifirma.keys.faktura"),
                BillKey = a.Secure("ifirma.keys.rachunek"),
                SubscriberKey = a.Secure("ifirma.keys.abonent"),
                ExpenseKey = a.Secure("ifirma.keys.wydatek"),
            };
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
}
