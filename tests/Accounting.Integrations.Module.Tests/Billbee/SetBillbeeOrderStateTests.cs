using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class SetBillbeeOrderStateTests(ModuleSession session)
{
    Dictionary<long, int> States()
    {
        lock (session.Sandbox.Billbee.SyncRoot) return session.Sandbox.Billbee.Orders.ToDictionary(o => o.BillbeeOrderId, o => o.State);
    }

    [Fact]
    public void WhatIf_from_the_pipeline_changes_nothing_and_says_what_it_would_do()
    {
        var before = States();
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -State Paid -First 5 | Set-BillbeeOrderState -State Shipped -WhatIf");
        result.ShouldSucceed();
        Assert.Equal(before, States());
        Assert.DoesNotContain(session.Sandbox.State.Log.Snapshot("billbee"), r => r.Method == "PUT");
        Assert.Equal(5, result.HostText.Split("What if:").Length - 1);
        Assert.Contains("Set state to Shipped (4)", result.HostText);
    }

    [Fact]
    public void Orders_piped_from_Get_BillbeeOrder_change_state()
    {
        List<long> ids;
        lock (session.Sandbox.Billbee.SyncRoot) ids = session.Sandbox.Billbee.Orders.Where(o => o.State == 2).Take(3).Select(o => o.BillbeeOrderId).ToList();
        session.SetVariable("Ids", ids.ToArray());
        var result = session.Run(ModuleSession.ConnectBillbee + "$Ids | Get-BillbeeOrder | Set-BillbeeOrderState -State Versendet -PassThru -Confirm:$false");
        result.ShouldSucceed();
        Assert.Equal(ids, result.Output.Select(o => (long)o.Properties["BillbeeOrderId"].Value));
        Assert.All(result.Output, o => Assert.Equal(4, (int)o.Properties["State"].Value));
        var states = States();
        Assert.All(ids, id => Assert.Equal(4, states[id]));
    }

    [Fact]
    public void An_unknown_state_stops_before_any_order_is_touched()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -First 2 | Set-BillbeeOrderState -State Teleported");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("'Teleported' is not a Billbee order state", error.Exception.Message);
        Assert.DoesNotContain(session.Sandbox.State.Log.Snapshot("billbee"), r => r.Method == "PUT");
    }
}
