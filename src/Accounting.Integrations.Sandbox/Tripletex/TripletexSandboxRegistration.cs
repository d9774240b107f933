using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Tripletex;

namespace Accounting.Integrations.Sandbox.Tripletex
{
    /// <summary>How Tripletex joins the sandbox: made from its options, its command-line flags, its part of the scenarios.</summary>
    public sealed partial class TripletexSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) => new TripletexSandbox(options.Tripletex, options.Seed, today),
            (flag, next, options) =>
            {
                switch (flag)
                {
                    case "--tripletex-rate-limit": options.Tripletex.RateLimit = int.Parse(next()); return true;
                    case "--tripletex-clean-numbers": options.Tripletex.NumberConflicts = false; return true;
                    default: return false;
                }
            },
            """
              --tripletex-rate-limit N calls per minute per Tripletex employee token (default 600; the real number is unpublished)
              --tripletex-clean-numbers  no customers or invoices inside a web shop's number ranges

            """,
            new[] { "onboarding-faults" });

        /// <summary>onboarding-faults: the Tripletex administrator's employee token expired.</summary>
        public bool ApplyScenario(string name)
        {
            if (name != "onboarding-faults") return false;
            ExpireEmployeeToken(AdminEmployeeToken);
            return true;
        }
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        public TripletexSandboxOptions Tripletex { get; set; } = new();
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public TripletexSandbox Tripletex => Service<TripletexSandbox>();
    }
}
