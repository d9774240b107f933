using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>
/// A sandbox of a test's own, for data the shared one does not seed (e.g. 10 500 Tripletex customers). Same seed
/// as the shared sandbox, so its tokens and keys are the session's variables; only the URLs differ. The other
/// services are seeded small, to keep the start cheap.
/// </summary>
public static class OwnSandbox
{
    public static Task<SandboxServer> StartAsync(Action<SandboxOptions> configure)
    {
        var options = new SandboxOptions { Port = 0, Seed = 42, IFirmaInvoiceCount = 10, LimeLogCount = 10, BillectaInvoiceCount = 7 };
        options.Billbee.OrderCount = 10;
        options.Tripletex.CustomerCount = 10;
        options.Tripletex.InvoiceCount = 10;
        configure(options);
        return SandboxServer.StartAsync(options);
    }
}
