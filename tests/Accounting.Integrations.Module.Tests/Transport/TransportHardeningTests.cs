using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Frame;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Transport;

/// <summary>Issue 15 items 1, 3, 4 and 11 through the module as users run it.</summary>
[Collection("Module")]
public class TransportHardeningTests(ModuleSession session, ITestOutputHelper log)
{
    [Theory]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("reset")]
    [InlineData("truncated")]
    [InlineData("malformed")]
    public void Set_BillbeeOrderState_sends_one_PUT_under_any_failure_and_says_the_change_may_have_been_applied(string fault)
    {
        session.ResetSandbox();
        var order = session.Sandbox.Billbee.Orders[11];
        session.Sandbox.State.Faults.Add(new FaultRule { Kind = FaultRule.ParseKind(fault), Service = "billbee", Method = "PUT", Count = 10 });
        var result = session.Run(ModuleSession.ConnectBillbee + $"Get-BillbeeOrder -Id {order.BillbeeOrderId} | Out-Null; Set-BillbeeOrderState -Id {order.BillbeeOrderId} -State {(order.State == 4 ? 7 : 4)} -Confirm:$false");
        session.Sandbox.State.Faults.Clear();
        SpinWait.SpinUntil(() => session.Sandbox.State.InFlight == 0, TimeSpan.FromSeconds(30));
        var puts = session.Sandbox.State.Log.Snapshot("billbee").Count(r => r.Method == "PUT");
        var error = result.SingleError();
        log.WriteLine($"{fault}: {puts} PUT(s), {error.FullyQualifiedErrorId}: {error.Exception.Message}");
        Assert.Equal(1, puts);
        Assert.StartsWith("Billbee.OutcomeUnknown", error.FullyQualifiedErrorId);
        Assert.Contains("may have been applied", error.Exception.Message);
        Assert.Contains("Get-BillbeeOrder -Id " + order.BillbeeOrderId, error.Exception.Message + error.ErrorDetails?.RecommendedAction);
    }

    [Fact]
    public void Remove_IntegrationMonitorLog_counts_a_404_after_a_lost_answer_as_uncertain_not_already_gone()
    {
        session.ResetSandbox();
        var lime = session.Sandbox.Lime;
        lime.RequestsPerFiveMinutes = 60000;
        lime.AddLogs(lime.Monitors.Single(m => m.IntegrationKey == "erp").Id, 128, DateTimeOffset.Now.AddDays(-400)); // older than any seeded log
        session.Sandbox.State.Faults.Add(new FaultRule { Kind = FaultKind.Truncated, Service = "lime", Method = "DELETE", Rate = 0.2 });
        var result = session.Run("Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey -RequestsPerFiveMinutes 60000 -MaxAttempts 5\n" +
            "Remove-IntegrationMonitorLog -OlderThan 300 -IntegrationKey erp -Confirm:$false");
        session.Sandbox.State.Faults.Clear();
        result.ShouldSucceed();
        SpinWait.SpinUntil(() => session.Sandbox.State.InFlight == 0, TimeSpan.FromSeconds(30));
        int Sum(string name) => result.Output.Sum(o => (int)Prop(o, name));
        var deletes = session.Sandbox.State.Log.Snapshot("lime").Where(r => r.Method == "DELETE").ToList();
        var confirmed = deletes.Count(r => r.Status is >= 200 and < 300 && r.Fault == null);
        var lost = deletes.Count(r => r.Fault != null);
        log.WriteLine($"Found {Sum("Found")}, Deleted {Sum("Deleted")}, AlreadyGone {Sum("AlreadyGone")}, Uncertain {Sum("Uncertain")}, Failed {Sum("Failed")}; {deletes.Count} DELETEs, {lost} answers cut off, {confirmed} confirmed");
        Assert.True(lost > 0, "faults were injected");
        Assert.Equal(128, Sum("Found"));
        Assert.Equal(Sum("Found"), Sum("Deleted") + Sum("AlreadyGone") + Sum("Uncertain") + Sum("Failed"));
        Assert.Equal(confirmed, Sum("Deleted"));
        Assert.Equal(0, Sum("AlreadyGone"));
        Assert.True(Sum("Uncertain") > 0);
    }

    [Fact]
    public void Connect_Billecta_refuses_an_other_environment_url_in_clear()
    {
        var result = session.Run("Connect-Billecta -Credential $BillectaCredential -BaseUrl $BillectaProdUrl -OtherEnvironmentUrl http://billecta-other.invalid/v1/");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("-OtherEnvironmentUrl", error.Exception.Message);
        Assert.Contains("https", error.Exception.Message);
    }

    [Fact]
    public void A_profile_on_the_sandbox_never_tries_billectas_real_test_host_after_a_401()
    {
        session.ResetSandbox();
        var result = session.Run("""
            $bad = [pscredential]::new('api@fjordvik.se', (Secure 'not-the-password-1'))
            Connect-Billecta -Credential $bad -BaseUrl $BillectaProdUrl -MaxAttempts 1 -PassThru | Test-BillectaConnection
            """);
        result.ShouldSucceed();
        var test = result.Output.Last();
        Assert.False((bool)Prop(test, "Success"));
        Assert.Single(session.Sandbox.State.Log.Snapshot("billecta"));
    }

    [Fact]
    public void Every_cmdlet_derives_from_the_base_that_defuses_the_Debug_inquire_trap()
    {
        var result = session.Run("Get-Command -Module Accounting.Integrations -CommandType Cmdlet | Where-Object { $t = $_.ImplementingType; while ($t -and $t.Name -ne 'ModuleCmdlet') { $t = $t.BaseType }; -not $t } | ForEach-Object Name");
        result.ShouldSucceed();
        Assert.Empty(result.Output);
        var count = session.Run("(Get-Command -Module Accounting.Integrations -CommandType Cmdlet).Count");
        Assert.True((int)count.Output[0].BaseObject > 30);
    }
}
