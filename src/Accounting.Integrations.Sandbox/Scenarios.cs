namespace Accounting.Integrations.Sandbox;

/// <summary>
/// Named states a rehearsal or test can put the sandbox in, at start (--scenario) or while running
/// (POST /_sandbox/scenario/{name}).
/// </summary>
public static class Scenarios
{
    public static readonly string[] Names = { "onboarding-faults" };

    /// <summary>
    /// onboarding-faults: the service-side half of the onboarding rehearsal. Someone changed the Billbee API
    /// password, the Tripletex employee token expired, and the iFirma account has used 97 % of its monthly
    /// limit. (The fourth fault, a malformed Billecta header, lives in the customer's application config file.)
    /// </summary>
    public static bool Apply(SandboxServer server, string name)
    {
        switch (name)
        {
            case "onboarding-faults":
                server.Billbee.ChangeAdminApiPassword("Sbx-changed-by-someone-Aa1");
                server.Tripletex.ExpireEmployeeToken(server.Tripletex.AdminEmployeeToken);
                server.IFirma.LimitUsed = server.IFirma.LimitGranted * 97 / 100;
                return true;
            default:
                return false;
        }
    }
}
