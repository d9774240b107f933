using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Billbee
{
    /// <summary>How Billbee joins the sandbox: made from its options, its command-line flags, its part of the scenarios.</summary>
    public sealed partial class BillbeeSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) => new BillbeeSandbox(options.Billbee, options.Seed, today),
            (flag, next, options) =>
            {
                switch (flag)
                {
                    case "--billbee-orders": options.Billbee.OrderCount = int.Parse(next()); return true;
                    case "--billbee-retry-after": options.Billbee.RetryAfterSeconds = int.Parse(next()); return true;
                    default: return false;
                }
            },
            """
              --billbee-orders N    number of seeded Billbee orders (default 12000)
              --billbee-retry-after S  send Retry-After: S on Billbee 429s (default: none, as observed live)

            """,
            new[] { "onboarding-faults" });

        /// <summary>onboarding-faults: someone changed the Billbee API password.</summary>
        public bool ApplyScenario(string name)
        {
            if (name != "onboarding-faults") return false;
            ChangeAdminApiPassword("Sbx-changed-by-someone-Aa1");
            return true;
        }
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        public BillbeeSandboxOptions Billbee { get; set; } = new();
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public BillbeeSandbox Billbee => Service<BillbeeSandbox>();
    }
}
