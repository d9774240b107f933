using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>Tripletex's part of the object Start-IntegrationSandbox returns: its demo account, read from the sandbox's /_sandbox/accounts.</summary>
    public sealed partial class IntegrationSandbox
    {
        public SandboxTripletexAccount Tripletex { get; internal set; }

        internal static void ReadTripletex(IntegrationSandbox sandbox, SandboxAccountReader a) =>
            sandbox.Tripletex = new SandboxTripletexAccount
            {
                BaseUrl = a.Url("tripletex.baseUrl"),
                ConsumerToken = a.Secure("tripletex.consumerToken"),
                EmployeeToken = a.Secure("tripletex.employeeToken"),
                IntegrationEmployeeId = int.TryParse(a.Get("tripletex.integrationEmployee.id"), out var id) ? id : 0,
                IntegrationEmployeeName = a.Get("tripletex.integrationEmployee.name"),
            };
    }

    public sealed class SandboxTripletexAccount
    {
        public string BaseUrl { get; internal set; }
        public SecureString ConsumerToken { get; internal set; }
        /// <summary>The administrator's employee token.</summary>
        public SecureString EmployeeToken { get; internal set; }
        /// <summary>The employee whose rights an integration's policy document pins down (read access only).</summary>
        public int IntegrationEmployeeId { get; internal set; }
        public string IntegrationEmployeeName { get; internal set; }
    }
}
