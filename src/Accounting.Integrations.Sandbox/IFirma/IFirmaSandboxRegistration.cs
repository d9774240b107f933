using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.IFirma;

namespace Accounting.Integrations.Sandbox.IFirma
{
    /// <summary>How iFirma joins the sandbox: made from its options and its part of the scenarios.</summary>
    public sealed partial class IFirmaSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) => new IFirmaSandbox(options.Seed, today, options.IFirmaInvoiceCount),
            Scenarios: new[] { "onboarding-faults" });

        /// <summary>onboarding-faults: the iFirma account has used 97 % of its monthly limit.</summary>
        public bool ApplyScenario(string name)
        {
            if (name != "onboarding-faults") return false;
            LimitUsed = LimitGranted * 97 / 100;
            return true;
        }
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        /// <summary>Seeded iFirma invoices (benchmarks raise them past 10 000).</summary>
        public int IFirmaInvoiceCount { get; set; } = 640;
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public IFirmaSandbox IFirma => Service<IFirmaSandbox>();
    }
}
