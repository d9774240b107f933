using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Tripletex;

namespace Accounting.Integrations.Sandbox.Tripletex
{
    /// <summary>How Tripletex joins the sandbox: made from its options, its command-line flags, its part of the scenarios.</summary>
    public sealed partial class TripletexSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) =>
            {
                var sandbox = new TripletexSandbox(options.Tripletex, options.Seed, today);
                foreach (var set in options.TripletexGuide) set(sandbox.Guide);
                return sandbox;
            },
            (flag, next, options) =>
            {
                switch (flag)
                {
                    case "--tripletex-rate-limit": options.Tripletex.RateLimit = int.Parse(next()); return true;
                    case "--tripletex-clean-numbers": options.Tripletex.NumberConflicts = false; return true;
                    // The webhook, sales-module and accountant switches (TripletexGuideSwitches), each also changeable while running.
                    case "--tripletex-addon-module":
                        var addon = next();
                        options.TripletexGuide.Add(g => g.AddonModuleName = addon.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : addon); return true;
                    case "--tripletex-package-module": var package = next(); options.TripletexGuide.Add(g => g.PackageModuleName = package); return true;
                    case "--tripletex-salesmodules-forbidden": options.TripletexGuide.Add(g => g.SalesModulesForbidden = true); return true;
                    case "--tripletex-webhook-attempts": var attempts = WebhookFlags.Count(flag, next()); options.TripletexGuide.Add(g => g.DeliveryAttempts = attempts); return true;
                    case "--tripletex-webhook-disable-after": var failures = WebhookFlags.Count(flag, next()); options.TripletexGuide.Add(g => g.DisableAfterFailedDeliveries = failures); return true;
                    case "--tripletex-webhook-signature": var fault = WebhookFlags.Signature(flag, next()); options.TripletexGuide.Add(g => g.SignatureFault = fault); return true;
                    case "--tripletex-client-login-in-customercompanyid": options.TripletexGuide.Add(g => g.ClientLoginIdInCustomerCompanyId = true); return true;
                    default: return false;
                }
            },
            """
              --tripletex-rate-limit N calls per minute per Tripletex employee token (default 600; the real number is unpublished)
              --tripletex-clean-numbers  no customers or invoices inside a web shop's number ranges
              --tripletex-addon-module NAME|none  the sales module the "Integrasjoner" add-on shows as (default API_V2, an
                                    ASSUMPTION); none = not listed
              --tripletex-package-module NAME  the subscription package's sales module (default SMART)
              --tripletex-salesmodules-forbidden  GET /company/salesmodules answers 403
              --tripletex-webhook-attempts N  attempts per webhook delivery (default 3)
              --tripletex-webhook-disable-after N  failed deliveries before DISABLED_TOO_MANY_ERRORS (default 3)
              --tripletex-webhook-signature none|wrong|missing  spoil the deliveries' x-request-signature (default none)
              --tripletex-client-login-in-customercompanyid  a client company's login id in customerCompanyId, not in id

            """,
            new[] { "onboarding-faults" },
            // A fleet customer: a small company (40 customers, 30 invoices).
            options =>
            {
                options.Tripletex = SandboxOptions.CopyOf(options.Tripletex);
                options.Tripletex.CustomerCount = 40;
                options.Tripletex.InvoiceCount = 30;
            },
            new[] { new CustomerFault("tripletex-no-rights", "The listed employee token's employee has lost every right but accounting read: reads of customers and invoices are refused with 403.",
                service => ((TripletexSandbox)service).Data.Admin.EntitlementIds = new[] { 30 }) });

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
        /// <summary>The command line's webhook, sales-module and accountant switches, applied to each Tripletex instance's own <see cref="TripletexGuideSwitches"/>.</summary>
        public List<Action<TripletexGuideSwitches>> TripletexGuide { get; } = new();
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public TripletexSandbox Tripletex => Service<TripletexSandbox>();
    }
}
