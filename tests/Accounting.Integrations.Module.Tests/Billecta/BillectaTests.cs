using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Billecta;

[Collection("Module")]
public class BillectaTests(ModuleSession session)
{

    const string ConnectProduction = "Connect-Billecta -Credential $BillectaCredential -Environment Production -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl $BillectaTestUrl";

    [Fact]
    public void A_built_header_value_is_used_against_the_sandbox()
    {
        var result = session.Run("""
            $auth = New-BillectaAuthorization -Credential $BillectaCredential
            ($auth | Test-BillectaAuthorization).Valid
            Connect-Billecta -Authorization $auth -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl $BillectaTestUrl -PassThru | Test-BillectaConnection
            """);
        result.ShouldSucceed();
        Assert.True((bool)result.Output[0].BaseObject);
        var test = result.Output[1];
        Assert.True((bool)Prop(test, "Success"), (string)Prop(test, "Cause"));
        Assert.Equal(2, ((System.Collections.IDictionary)Prop(test, "Details"))["Creditors"]);
    }

    [Fact]
    public void Connect_with_only_BaseUrl_reaches_the_documented_BILLECTA_AUTHORIZATION_fallback()
    {
        var sandbox = session.Sandbox.Billecta;
        try
        {
            Environment.SetEnvironmentVariable("BILLECTA_AUTHORIZATION", null);
            // Before the fix: "missing mandatory parameters: Credential". Now the error names the variable.
            var unset = session.Run("Connect-Billecta -BaseUrl $BillectaProdUrl");
            Assert.Contains("BILLECTA_AUTHORIZATION", unset.SingleError().Exception.Message);

            Environment.SetEnvironmentVariable("BILLECTA_AUTHORIZATION", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sandbox.Production.Username + ":" + sandbox.Production.Password)));
            var result = session.Run("Connect-Billecta -BaseUrl $BillectaProdUrl -PassThru | Test-BillectaConnection");
            result.ShouldSucceed();
            Assert.True((bool)Prop(Assert.Single(result.Output), "Success"));
            // A credential given by position still picks the credential set.
            var positional = session.Run("Connect-Billecta $BillectaCredential -BaseUrl $BillectaProdUrl -PassThru | ForEach-Object Scheme");
            positional.ShouldSucceed();
            Assert.Equal("Basic", Assert.Single(positional.Output).ToString());
        }
        finally { Environment.SetEnvironmentVariable("BILLECTA_AUTHORIZATION", null); }
    }

    [Fact]
    public void A_wrong_password_a_wrong_environment_and_an_unreachable_host_are_told_apart()
    {
        var port = Loopback.FreePort();
        var result = session.Run($"""
            $bad = [pscredential]::new($BillectaCredential.UserName, (Secure 'Wrong-Passw0rd'))
            Connect-Billecta -Credential $bad -Environment Production -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl $BillectaTestUrl -PassThru | Test-BillectaConnection
            Connect-Billecta -Credential $BillectaTestCredential -Environment Production -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl $BillectaTestUrl -PassThru | Test-BillectaConnection
            Connect-Billecta -Credential $BillectaCredential -BaseUrl 'http://127.0.0.1:{port}/v1/' -MaxAttempts 1 -PassThru | Test-BillectaConnection
            """);
        result.ShouldSucceed();
        Assert.Equal(new[] { "Billecta.Authentication", "Billecta.Configuration", "Billecta.Network" }, result.Output.Select(r => (string)Prop(r, "ErrorId")));
        Assert.Contains("Test environment", (string)Prop(result.Output[1], "Cause"));
        Assert.Contains("-Environment Test", (string)Prop(result.Output[1], "Fix"));
        Assert.Contains($"127.0.0.1:{port}", (string)Prop(result.Output[2], "Cause"));
    }

    [Fact]
    public void Creditors_debtors_invoices_and_payments_flow_through_the_pipeline()
    {
        var result = session.Run(ConnectProduction + """

            $c = Get-BillectaCreditor | Where-Object Name -eq 'Fjordvik Fastigheter AB'
            [pscustomobject]@{
                Debtors = @($c | Get-BillectaDebtor).Count
                Open = @($c | Get-BillectaInvoice -Status Open).Count
                Closed = @($c | Get-BillectaInvoice -Status Closed -ClosedFrom ([datetime]::Today.AddDays(-400))).Count
                Payments = @($c | Get-BillectaPayment -From ([datetime]::Today.AddDays(-400))).Count
                Owed = ($c | Get-BillectaInvoice -Status Open | ForEach-Object { $_.CurrentAmount } | Measure-Object -Sum).Sum
            }
            """.Replace("| Measure-Object -Sum).Sum", "| ForEach-Object -Begin { $s = 0 } -Process { $s += $_ } -End { $s })"));
        result.ShouldSucceed();
        var summary = Assert.Single(result.Output);
        var invoices = session.Sandbox.Billecta.Invoices;
        Assert.Equal(session.Sandbox.Billecta.Debtors.Count, (int)Prop(summary, "Debtors"));
        Assert.Equal(invoices.Count(i => i["ClosedDate"] == null), (int)Prop(summary, "Open"));
        Assert.Equal(invoices.Count(i => i["ClosedDate"] != null), (int)Prop(summary, "Closed"));
        Assert.Equal(invoices.Count(i => i["ClosedDate"] != null), (int)Prop(summary, "Payments"));
        var owedMinor = invoices.Where(i => i["ClosedDate"] == null).Sum(i => (long)((Dictionary<string, object>)i["CurrentAmount"])["Value"]);
        Assert.Equal(owedMinor / 100m, (decimal)Prop(summary, "Owed"));
    }

    [Fact]
    public void The_credentials_can_be_exchanged_for_a_SecureToken_and_no_secret_is_printed()
    {
        var result = session.Run("$DebugPreference = 'Continue'\n" + ConnectProduction + " -UseSecureToken -PassThru -Verbose | Test-BillectaConnection -Verbose");
        result.ShouldSucceed();
        var test = Assert.Single(result.Output);
        Assert.True((bool)Prop(test, "Success"), (string)Prop(test, "Cause"));
        Assert.Equal("SecureToken", ((System.Collections.IDictionary)Prop(test, "Details"))["Scheme"]);
        var text = result.AllText();
        Assert.DoesNotContain(session.Sandbox.Billecta.Production.Password, text);
        Assert.Contains("Authorization: ***", text); // the whole header value is a registered secret
    }

}
