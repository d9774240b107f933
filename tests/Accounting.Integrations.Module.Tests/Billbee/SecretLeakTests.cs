using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class SecretLeakTests(ModuleSession session)
{
    [Fact]
    public void No_credential_appears_in_any_stream_error_or_exception_text()
    {
        var canaryPassword = "CanaryPw-" + Guid.NewGuid().ToString("N");
        var canaryKey = "CanaryKey-" + Guid.NewGuid().ToString("N");
        session.SetVariable("CanaryPassword", canaryPassword);
        session.SetVariable("CanaryKey", canaryKey);
        // -Debug on a compiled cmdlet asks "Continue with this operation?" in this engine; the preference does not.
        var result = session.Run("""
            $DebugPreference = 'Continue'
            $c = [pscredential]::new($BillbeeCredential.UserName, (Secure $CanaryPassword))
            $conn = Connect-Billbee -BaseUrl $BillbeeUrl -Credential $c -ApiKey (Secure $CanaryKey) -PassThru -Verbose
            $conn
            $conn | Test-BillbeeConnection -Verbose
            Get-BillbeeOrder -First 1 -Verbose -Connection $conn
            Get-BillbeeOrder -Id 1 -Verbose -Connection $conn
            $conn | Out-Default
            """);
        Assert.NotEmpty(result.Errors);   // the calls failed: the canaries are not the sandbox's credentials
        Assert.NotEmpty(result.Debug);    // and -Debug really showed headers and bodies
        var everything = result.AllText();
        Assert.Contains("Authorization: Basic ***", everything);
        Assert.DoesNotContain(canaryPassword, everything);
        Assert.DoesNotContain(canaryKey, everything);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(session.Sandbox.Billbee.Admin.Username + ":" + canaryPassword));
        Assert.DoesNotContain(basic, everything);
    }

    [Fact]
    public void The_sandbox_s_real_credentials_do_not_leak_in_a_successful_debug_run_either()
    {
        var result = session.Run("$DebugPreference = 'Continue'\n" + ModuleSession.ConnectBillbee + "Test-BillbeeConnection -Verbose; Get-BillbeeOrderState");
        result.ShouldSucceed();
        var everything = result.AllText();
        Assert.DoesNotContain(session.Sandbox.Billbee.Admin.ApiPassword, everything);
        Assert.DoesNotContain(session.Sandbox.Billbee.ApiKey, everything);
        Assert.Contains("X-Billbee-Api-Key: ***", everything);
    }
}
