using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Lime;

namespace Accounting.Integrations.Sandbox.Lime
{
    /// <summary>How Lime joins the sandbox: made from its options and its command-line flags.</summary>
    public sealed partial class LimeSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) =>
            {
                var sandbox = new LimeSandbox(options.Seed, today, options.LimeLogCount);
                foreach (var set in options.LimeGuide) set(sandbox.Guide);
                return sandbox;
            },
            // The webhook and Billecta-receiver switches (LimeGuideSwitches), each also changeable while running.
            (flag, next, options) =>
            {
                switch (flag)
                {
                    case "--lime-webhook-attempts": var attempts = WebhookFlags.Count(flag, next()); options.LimeGuide.Add(g => g.DeliveryAttempts = attempts); return true;
                    case "--lime-webhook-signature": var fault = WebhookFlags.Signature(flag, next()); options.LimeGuide.Add(g => g.SignatureFault = fault); return true;
                    case "--lime-no-billecta-receiver": options.LimeGuide.Add(g => g.BillectaReceiverInstalled = false); return true;
                    case "--lime-billecta-receiver-open": options.LimeGuide.Add(g => g.BillectaReceiverOpen = true); return true;
                    case "--lime-billecta-receiver-get-status":
                        var status = WebhookFlags.Count(flag, next(), 100);
                        if (status > 599) throw new ArgumentException($"{flag} takes an HTTP status (100 to 599), not {status}.");
                        options.LimeGuide.Add(g => g.BillectaReceiverGetStatus = status); return true;
                    default: return false;
                }
            },
            """
              --lime-webhook-attempts N  attempts per webhook delivery (default 3)
              --lime-webhook-signature none|wrong|missing  spoil the deliveries' X-Lime-Signature (default none)
              --lime-no-billecta-receiver  limepkg-billecta-integration not installed: its webhook receiver answers 404
              --lime-billecta-receiver-open  the Billecta webhook receiver takes calls without the key (a fault)
              --lime-billecta-receiver-get-status N  what the receiver answers a keyed GET (default 405, an ASSUMPTION)

            """,
            ForCustomer: options => options.LimeLogCount = 30);
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        /// <summary>Seeded Lime integration-monitor logs.</summary>
        public int LimeLogCount { get; set; } = 3000;
        /// <summary>The command line's webhook and receiver switches, applied to each Lime instance's own <see cref="LimeGuideSwitches"/>.</summary>
        public List<Action<LimeGuideSwitches>> LimeGuide { get; } = new();
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public LimeSandbox Lime => Service<LimeSandbox>();
    }
}
