using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;
using Xunit.Abstractions;

namespace Accounting.Integrations.Module.Tests.Billbee;

[Collection("Module")]
public class GetBillbeeOrderTests(ModuleSession session, ITestOutputHelper log)
{
    static long Id(PSObject o) => (long)o.Properties["BillbeeOrderId"].Value;

    [Fact]
    public void Paid_and_shipped_orders_of_the_last_year_are_exactly_the_sandbox_s_with_no_duplicates()
    {
        session.ResetSandbox();
        var since = DateTime.Today.AddDays(-365);
        List<long> expected;
        lock (session.Sandbox.Billbee.SyncRoot)
            expected = session.Sandbox.Billbee.Orders.Where(o => (o.State == 3 || o.State == 4) && o.CreatedAt >= since).Select(o => o.BillbeeOrderId).ToList();

        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -State Paid,Shipped -Since ([datetime]::Today.AddDays(-365))");

        result.ShouldSucceed();
        var ids = result.Output.Select(Id).ToList();
        Assert.True(expected.Count > 500, "the filter must span several pages");
        Assert.Equal(expected.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.OrderBy(i => i), ids.OrderBy(i => i));
        Assert.All(result.Output, o => Assert.Contains((string)o.Properties["StateName"].Value, new[] { "Paid", "Shipped" }));
        Assert.NotEmpty(result.Progress);
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        log.WriteLine($"{ids.Count} orders in {session.Sandbox.State.Log.Snapshot("billbee").Count} calls");
    }

    [Fact]
    public void State_accepts_ids_and_German_names()
    {
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -State 3,'Versendet' -First 300 | ForEach-Object State");
        result.ShouldSucceed();
        Assert.Equal(300, result.Output.Count);
        Assert.All(result.Output, s => Assert.Contains((int)s.BaseObject, new[] { 3, 4 }));
    }

    [Fact]
    public void First_stops_reading_once_it_has_enough()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -First 3");
        result.ShouldSucceed();
        Assert.Equal(3, result.Output.Count);
        // The page in flight may complete, but no further page is requested.
        Assert.True(session.Sandbox.State.Log.Snapshot("billbee").Count <= 2);
    }

    [Fact]
    public void An_unknown_state_is_refused_before_any_call_and_names_the_parameter()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -State Paid,Pyid");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'Pyid' is not a Billbee order state", error.Exception.Message);
        Assert.Empty(session.Sandbox.State.Log.Snapshot("billbee"));
    }

    [Fact]
    public void Orders_read_by_id_through_the_pipeline_and_a_missing_one_is_a_targeted_error()
    {
        var known = session.Sandbox.Billbee.Orders[10].BillbeeOrderId;
        var result = session.Run(ModuleSession.ConnectBillbee + $"{known}, 1 | Get-BillbeeOrder");
        Assert.Equal(known, Id(Assert.Single(result.Output)));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Billbee.NotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(1L, error.TargetObject);
        Assert.Contains("HTTP 404", error.Exception.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
    }

    [Fact]
    public void Verbose_shows_each_HTTP_call_with_method_url_status_and_time()
    {
        session.ResetSandbox();
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeShop -Verbose");
        result.ShouldSucceed();
        var call = Assert.Single(result.Verbose, v => v.Contains("shopaccounts"));
        Assert.Matches(@"Billbee: GET http://127\.0\.0\.1:\d+/billbee/api/v1/shopaccounts\?page=1&pageSize=250 -> 200 in \d+ ms", call);
    }

    [Fact]
    public void Orders_render_in_their_table_view()
    {
        var result = session.Run(ModuleSession.ConnectBillbee + "Get-BillbeeOrder -First 2 | Out-Default; Get-BillbeeOrderState | Out-Default");
        result.ShouldSucceed();
        Assert.Matches(@"BillbeeOrderId\s+OrderNumber\s+State\s+CreatedAt\s+Total\s+Shop", result.HostText);
        Assert.Matches(@"3 Zahlung_erhalten\s+Paid\s+Bezahlt", result.HostText);
    }

    [Fact]
    public void Order_states_include_17_which_the_api_list_leaves_out_and_the_help_example_with_German_names_works()
    {
        var orders = session.Sandbox.Billbee.Orders;
        Assert.Contains(orders, o => o.State == 17);
        var result = session.Run(ModuleSession.ConnectBillbee + """
            Get-BillbeeOrderState | ForEach-Object { "$($_.Id) $($_.Name) $($_.ListedByApi)" }
            'example:' + ((Get-BillbeeOrderState -Name 'Bezahlt','Versendet' | ForEach-Object Id) -join ',')
            """);
        result.ShouldSucceed();
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(18, lines.Count);
        Assert.Equal("17 Retoure False", lines[16]);
        Assert.Equal("16 Im_Fulfillment True", lines[15]);
        Assert.Equal("example:3,4", lines[17]);
    }

    [Fact]
    public void German_state_names_tab_complete_quoted_where_needed()
    {
        var result = session.Run("""
            foreach ($line in 'Get-BillbeeOrderState -Name Bez', 'Get-BillbeeOrder -State Bez', 'Set-BillbeeOrderState -State 1.', 'Get-BillbeeOrder -State Gel') {
                ((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) -join ','
            }
            """);
        result.ShouldSucceed();
        Assert.Equal(new[] { "Bezahlt", "Bezahlt", "'1. Mahnung'", "Gelöscht" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void An_order_is_found_by_its_order_number()
    {
        var order = session.Sandbox.Billbee.Orders[123];
        var result = session.Run(ModuleSession.ConnectBillbee + $"Get-BillbeeOrder -OrderNumber '{order.OrderNumber}'");
        result.ShouldSucceed();
        Assert.Equal(order.BillbeeOrderId, Id(Assert.Single(result.Output)));
    }

    [Fact]
    public void State_completes_names_with_their_ids_and_German_labels()
    {
        var result = session.Run("""
            $line = 'Get-BillbeeOrder -State Sh'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + '|' + $_.ToolTip }
            """);
        result.ShouldSucceed();
        Assert.Equal("Shipped|4: Shipped / Versendet", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void A_call_that_outlasts_the_timeout_is_a_timeout_error_that_says_what_to_change()
    {
        session.ResetSandbox();
        session.Sandbox.State.Faults.Add(new Accounting.Integrations.Sandbox.Frame.FaultRule
        {
            Kind = Accounting.Integrations.Sandbox.Frame.FaultKind.Slow, Service = "billbee", PathContains = "shopaccounts", Count = 1, DelayMs = 3000,
        });
        var result = session.Run("Connect-Billbee -BaseUrl $BillbeeUrl -Credential $BillbeeCredential -ApiKey $BillbeeKey -TimeoutSec 1 -MaxAttempts 1 -PassThru | Test-BillbeeConnection");
        result.ShouldSucceed();
        var r = Assert.Single(result.Output);
        Assert.Equal("Billbee.Timeout", r.Properties["ErrorId"].Value);
        Assert.Contains("timeout", (string)r.Properties["Fix"].Value);
        session.ResetSandbox();
    }
}
