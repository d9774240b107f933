using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Billbee
{
    /// <summary>How Billbee joins the sandbox: made from its options, its command-line flags, its part of the scenarios.</summary>
    public sealed partial class BillbeeSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) =>
            {
                var sandbox = new BillbeeSandbox(options.Billbee, options.Seed, today);
                foreach (var set in options.BillbeeGuide) set(sandbox.Guide);
                return sandbox;
            },
            (flag, next, options) =>
            {
                switch (flag)
                {
                    case "--billbee-orders": options.Billbee.OrderCount = int.Parse(next()); return true;
                    case "--billbee-retry-after": options.Billbee.RetryAfterSeconds = int.Parse(next()); return true;
                    // The webhook and API-usage switches (BillbeeGuideSwitches), each also changeable while running.
                    case "--billbee-webhook-filters":
                        var names = next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (names.Length == 0) throw new ArgumentException("--billbee-webhook-filters takes a comma-separated list of filter names.");
                        options.BillbeeGuide.Add(g => g.FilterNames = names); return true;
                    case "--billbee-no-echo-test": options.BillbeeGuide.Add(g => g.EchoTest = false); return true;
                    case "--billbee-any-secret-length": options.BillbeeGuide.Add(g => g.RequireSecretLength = false); return true;
                    case "--billbee-webhook-attempts": var attempts = WebhookFlags.Count(flag, next()); options.BillbeeGuide.Add(g => g.DeliveryAttempts = attempts); return true;
                    case "--billbee-webhook-signature": var fault = WebhookFlags.Signature(flag, next()); options.BillbeeGuide.Add(g => g.SignatureFault = fault); return true;
                    case "--billbee-no-apiusage": options.BillbeeGuide.Add(g => g.ApiUsageMissing = true); return true;
                    case "--billbee-apiusage-base": var used = WebhookFlags.Count(flag, next(), 0); options.BillbeeGuide.Add(g => g.ApiUsageBase = used); return true;
                    default: return false;
                }
            },
            """
              --billbee-orders N    number of seeded Billbee orders (default 12000)
              --billbee-retry-after S  send Retry-After: S on Billbee 429s (default: none, as observed live)
              --billbee-webhook-filters A,B  the webhook filter names offered (default *, order.created, order.statechanged,
                                    order.shipped, order.paid, product.stockchanged; ASSUMPTION: Billbee lists none)
              --billbee-no-echo-test  register webhooks without the echo test
              --billbee-any-secret-length  take webhook secrets of any length (default: 32 to 64 characters)
              --billbee-webhook-attempts N  attempts per webhook delivery (default 3)
              --billbee-webhook-signature none|wrong|missing  spoil the deliveries' ms-signature (default none)
              --billbee-no-apiusage  GET /apiusage answers 404
              --billbee-apiusage-base N  API calls counted this month before the sandbox started (default 41230)

            """,
            new[] { "onboarding-faults" },
            // A fleet customer: a small shop (3 shops, 60 orders).
            options =>
            {
                options.Billbee = SandboxOptions.CopyOf(options.Billbee);
                options.Billbee.OrderCount = 60;
                options.Billbee.ShopCount = 3;
            },
            new[] { new CustomerFault("billbee-wrong-password", "Someone changed the Billbee API password: the listed one is refused with 401.",
                service => ((BillbeeSandbox)service).ChangeAdminApiPassword("Sbx-changed-by-someone-Aa1")) });

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
        /// <summary>The command line's webhook and API-usage switches, applied to each Billbee instance's own <see cref="BillbeeGuideSwitches"/>.</summary>
        public List<Action<BillbeeGuideSwitches>> BillbeeGuide { get; } = new();
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public BillbeeSandbox Billbee => Service<BillbeeSandbox>();
    }
}
