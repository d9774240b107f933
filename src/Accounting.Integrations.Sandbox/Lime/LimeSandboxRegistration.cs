using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Lime;

namespace Accounting.Integrations.Sandbox.Lime
{
    /// <summary>How Lime joins the sandbox: made from its options.</summary>
    public sealed partial class LimeSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) => new LimeSandbox(options.Seed, today, options.LimeLogCount));
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        /// <summary>Seeded Lime integration-monitor logs.</summary>
        public int LimeLogCount { get; set; } = 3000;
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public LimeSandbox Lime => Service<LimeSandbox>();
    }
}
