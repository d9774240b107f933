using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>Billecta's part of the object Start-IntegrationSandbox returns: its demo account, read from the sandbox's /_sandbox/accounts.</summary>
    public sealed partial class IntegrationSandbox
    {
        public SandboxBillectaAccount Billecta { get; internal set; }

        internal static void ReadBillecta(IntegrationSandbox sandbox, SandboxAccountReader a) =>
            sandbox.Billecta = new SandboxBillectaAccount
            {
                ProductionUrl = a.Url("billecta.productionUrl"),
                TestUrl = a.Url("billecta.testUrl"),
                Credential = new PSCredential(a.Get("billecta.production.username"), a.Secure("billecta.production.password")),
                TestCredential = new PSCredential(a.Get("billecta.test.username"), a.Secure("billecta.test.password")),
            };
    }

    public sealed class SandboxBillectaAccount
    {
        public string ProductionUrl { get; internal set; }
        public string TestUrl { get; internal set; }
        public PSCredential Credential { get; internal set; }
        public PSCredential TestCredential { get; internal set; }
    }
}
