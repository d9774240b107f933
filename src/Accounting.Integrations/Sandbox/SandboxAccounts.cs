using System;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>The registration list of the sandbox's demo accounts: each service's reader, in the order they are shown. A new service is one line here.</summary>
    internal static class SandboxAccounts
    {
        public static readonly Action<IntegrationSandbox, SandboxAccountReader>[] All =
        {
            IntegrationSandbox.ReadBillbee,
            IntegrationSandbox.ReadTripletex,
            IntegrationSandbox.ReadIFirma,
            IntegrationSandbox.ReadBillecta,
            IntegrationSandbox.ReadLime,
        };
    }
}
