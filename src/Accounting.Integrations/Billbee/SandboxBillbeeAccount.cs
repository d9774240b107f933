using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>Billbee's part of the object Start-IntegrationSandbox returns: its demo account, read from the sandbox's /_sandbox/accounts.</summary>
    public sealed partial class IntegrationSandbox
    {
        public SandboxBillbeeAccount Billbee { get; internal set; }

        internal static void ReadBillbee(IntegrationSandbox sandbox, SandboxAccountReader a) =>
            sandbox.Billbee = new SandboxBillbeeAccount
            {
                BaseUrl = a.Url("billbee.baseUrl"),
                Credential = new PSCredential(a.Get("billbee.username"), a.Secure("billbee.apiPassword")),
                ApiKey = a.Secure("billbee.apiKey"),
            };
    }

    public sealed class SandboxBillbeeAccount
    {
        public string BaseUrl { get; internal set; }
        public PSCredential Credential { get; internal set; }
        public SecureString ApiKey { get; internal set; }
    }
}
