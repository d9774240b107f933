using Accounting.Integrations.Sandbox.Billecta;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Sandbox.Billecta
{
    /// <summary>How Billecta joins the sandbox: made from its options; its test environment listed as a second address.</summary>
    public sealed partial class BillectaSandbox
    {
        public static SandboxServiceRegistration Registration => new(
            (options, today) => new BillectaSandbox(options.Seed, today, options.BillectaInvoiceCount, options.BillectaDebtorCount));

        public IEnumerable<string> OtherAddresses(Uri root) => new[] { $"{Name,-10} {new Uri(root, TestBasePath)} (test environment, its own login)" };
    }
}

namespace Accounting.Integrations.Sandbox.Frame
{
    public sealed partial class SandboxOptions
    {
        /// <summary>Seeded Billecta invoices (benchmarks raise them past 10 000).</summary>
        public int BillectaInvoiceCount { get; set; } = 70;
        /// <summary>Seeded Billecta debtors of the first creditor (tests raise it past 10 000 to page them).</summary>
        public int BillectaDebtorCount { get; set; } = 50;
    }
}

namespace Accounting.Integrations.Sandbox
{
    public sealed partial class SandboxServer
    {
        public BillectaSandbox Billecta => Service<BillectaSandbox>();
    }
}
