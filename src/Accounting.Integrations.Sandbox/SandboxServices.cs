using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Billecta;
using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.IFirma;
using Accounting.Integrations.Sandbox.Lime;
using Accounting.Integrations.Sandbox.Tripletex;

namespace Accounting.Integrations.Sandbox;

/// <summary>The registration list: every emulated service, in the order the sandbox lists them. A new service is one line here.</summary>
public static class SandboxServices
{
    public static readonly IReadOnlyList<SandboxServiceRegistration> All = new[]
    {
        BillbeeSandbox.Registration,
        TripletexSandbox.Registration,
        IFirmaSandbox.Registration,
        BillectaSandbox.Registration,
        LimeSandbox.Registration,
    };
}
