using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class TestBillbeeConnectionTests(ModuleSession session)
{
    static T Prop<T>(System.Management.Automation.PSObject o, string name) => (T)o.Properties[name].Value;

    [Fact]
    public void A_working_connection_reports_success_user_and_latency()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Test-BillbeeConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.True(Prop<bool>(r, "Success"));
        Assert.Equal(session.Sandbox.Billbee.Admin.Username, Prop<string>(r, "User"));
        Assert.NotNull(r.Properties["Latency"].Value);
        Assert.Single(session.Sandbox.State.Log.Snapshot("billbee")); // one probe, never two
    }

    [Fact]
    public void A_wrong_API_password_gives_a_failed_result_that_names_the_fix()
    {
        var result = session.Run("""
            $bad = [pscredential]::new($BillbeeCredential.UserName, (Secure 'Wrong-Passw0rd-x'))
            Connect-Billbee -BaseUrl $BillbeeUrl -Credential $bad -ApiKey $BillbeeKey -PassThru | Test-BillbeeConnection
            """);
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.False(Prop<bool>(r, "Success"));
        Assert.Equal("Billbee.Authentication", Prop<string>(r, "ErrorId"));
        Assert.Contains("API password", Prop<string>(r, "Cause"));
        Assert.Contains("Settings → System → Billbee API", Prop<string>(r, "Fix"));
    }

    [Fact]
    public void A_missing_key_gives_a_failed_result_that_names_the_fix_without_a_call()
    {
        session.ResetSandbox();
        var result = session.Run("Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -PassThru | Test-BillbeeConnection");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("No developer API key"));
        var r = Assert.Single(result.Output);
        Assert.False(Prop<bool>(r, "Success"));
        Assert.Equal("Billbee.ApiKey", Prop<string>(r, "ErrorId"));
        Assert.Contains("-ApiKey", Prop<string>(r, "Fix"));
        Assert.Empty(session.Sandbox.State.Log.Snapshot("billbee"));
    }

    [Fact]
    public void A_revoked_key_gives_a_failed_result_that_names_the_key()
    {
        session.SetVariable("RevokedKey", session.Sandbox.Billbee.RevokedApiKey);
        var result = session.Run("Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey (Secure $RevokedKey) -PassThru | Test-BillbeeConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.Equal("Billbee.ApiKey", Prop<string>(r, "ErrorId"));
        Assert.Contains("X-Billbee-Api-Key", Prop<string>(r, "Fix"));
    }

    [Fact]
    public void An_unreachable_host_gives_a_failed_result_that_names_the_address()
    {
        var port = Loopback.FreePort();
        var result = session.Run($"Connect-Billbee -BaseUrl 'http://127.0.0.1:{port}/api/v1/' -Credential $BillbeeCredential -ApiKey $BillbeeKey -MaxAttempts 1 -PassThru | Test-BillbeeConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.False(Prop<bool>(r, "Success"));
        Assert.Equal("Billbee.Network", Prop<string>(r, "ErrorId"));
        Assert.Contains($"127.0.0.1:{port}", Prop<string>(r, "Cause"));
        Assert.Contains("base URL", Prop<string>(r, "Fix"));
    }

    [Fact]
    public void An_account_without_the_API_switched_on_is_told_so()
    {
        session.SetVariable("NoApiUser", session.Sandbox.Billbee.ApiDisabledUser.Username);
        session.SetVariable("NoApiPassword", session.Sandbox.Billbee.ApiDisabledUser.ApiPassword);
        var result = session.Run("""
            $c = [pscredential]::new($NoApiUser, (Secure $NoApiPassword))
            Connect-Billbee -BaseUrl $BillbeeUrl -Credential $c -ApiKey $BillbeeKey -PassThru | Test-BillbeeConnection
            """);
        result.ShouldSucceed();
        Assert.Equal("Billbee.NotActivated", Prop<string>(Assert.Single(result.Output), "ErrorId"));
    }

    [Fact]
    public void A_plain_http_url_to_a_real_host_is_refused_and_names_the_parameter()
    {
        var result = session.Run("Connect-Billbee -BaseUrl 'http://api.billbee.io/api/v1/' -Credential $BillbeeCredential -ApiKey $BillbeeKey");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("-BaseUrl", error.Exception.Message);
        Assert.Contains("https://", error.Exception.Message);
    }

    [Fact]
    public void Credentials_can_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable("BILLBEE_USERNAME", session.Sandbox.Billbee.Admin.Username);
        Environment.SetEnvironmentVariable("BILLBEE_API_PASSWORD", session.Sandbox.Billbee.Admin.ApiPassword);
        Environment.SetEnvironmentVariable("BILLBEE_API_KEY", session.Sandbox.Billbee.ApiKey);
        try
        {
            var result = session.Run("Connect-Billbee -FromEnvironment -BaseUrl $BillbeeUrl -PassThru | Test-BillbeeConnection");
            result.ShouldSucceed();
            Assert.True(Prop<bool>(Assert.Single(result.Output), "Success"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BILLBEE_USERNAME", null);
            Environment.SetEnvironmentVariable("BILLBEE_API_PASSWORD", null);
            Environment.SetEnvironmentVariable("BILLBEE_API_KEY", null);
        }
    }

    [Fact]
    public void Credentials_can_come_from_a_SecretManagement_vault()
    {
        session.SetVariable("VaultPassword", session.Sandbox.Billbee.Admin.ApiPassword);
        session.SetVariable("VaultKey", session.Sandbox.Billbee.ApiKey);
        session.SetVariable("VaultUser", session.Sandbox.Billbee.Admin.Username);
        // A stand-in for Microsoft.PowerShell.SecretManagement with its Get-Secret contract.
        var result = session.Run("""
            New-Module -Name Microsoft.PowerShell.SecretManagement -ScriptBlock {
                function Get-Secret { [CmdletBinding()] param([string]$Name, [string]$Vault)
                    if ($Vault -ne 'Company') { throw "Vault '$Vault' not found" }
                    switch ($Name) {
                        'billbee-api' { [pscredential]::new($VaultUser, (Secure $VaultPassword)) }
                        'billbee-key' { Secure $VaultKey }
                        default { throw "Secret '$Name' not found" }
                    }
                }
                Export-ModuleMember -Function Get-Secret
            } | Import-Module
            try {
                Connect-Billbee -Vault Company -CredentialSecretName billbee-api -ApiKeySecretName billbee-key -BaseUrl $BillbeeUrl -PassThru | Test-BillbeeConnection
            } finally { Remove-Module Microsoft.PowerShell.SecretManagement }
            """);
        result.ShouldSucceed();
        Assert.True(Prop<bool>(Assert.Single(result.Output), "Success"));
    }

    [Fact]
    public void A_vault_without_SecretManagement_says_how_to_install_it()
    {
        var result = session.Run("Connect-Billbee -Vault Company -CredentialSecretName billbee-api -BaseUrl $BillbeeUrl");
        var error = result.SingleError();
        Assert.StartsWith("Module.SecretManagementMissing", error.FullyQualifiedErrorId);
        Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", error.ErrorDetails.RecommendedAction);
    }


    [Fact]
    public void A_connection_kept_from_PassThru_still_works_after_a_new_default_is_set()
    {
        var result = session.Run("""
            $first = Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -PassThru
            Connect-Billbee -BaseUrl 'http://127.0.0.1:9/api/v1/' -Credential $BillbeeCredential -ApiKey $BillbeeKey
            (Test-BillbeeConnection -Connection $first).Success
            """);
        result.ShouldSucceed();
        Assert.True((bool)Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void A_refused_token_exchange_is_an_error_with_the_service_s_error_id()
    {
        session.SetVariable("BillectaProd", new Uri(session.Sandbox.BaseUri, session.Sandbox.Billecta.BasePath).AbsoluteUri);
        var result = session.Run("Connect-Billecta -Credential ([pscredential]::new('api@fjordvik.se', (Secure 'wrong-password-1'))) -BaseUrl $BillectaProd -UseSecureToken -MaxAttempts 1");
        Assert.StartsWith("Billecta.Authentication", result.SingleError().FullyQualifiedErrorId);
    }
}
