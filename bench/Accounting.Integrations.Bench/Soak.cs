#nullable enable
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Frame;

namespace Accounting.Integrations.Bench;

/// <summary>One service's soak: runs, and per run's emitted ids against the sandbox's set.</summary>
public sealed record SoakResult(string Service, int Runs, long Records, long Lost, long Duplicated, int FailedRuns, int Unhandled, string? FirstProblem);

/// <summary>
/// The fault-injection soak: bulk reads per service while the sandbox injects faults of every kind it knows
/// (429, 500, 503, reset, truncated, malformed, slow) at a combined rate. Every run's emitted ids are
/// compared with the sandbox's own set. A run that ends with the module's error (ServiceException after its
/// retries) is a failed run; anything else thrown is unhandled. Shared by the bench and a small CI test.
/// </summary>
public static class Soak
{
    static readonly FaultKind[] Kinds = { FaultKind.Status429, FaultKind.Status500, FaultKind.Status503, FaultKind.Reset, FaultKind.Truncated, FaultKind.Malformed, FaultKind.Slow };

    /// <summary>Quick retries and a short attempt timeout (so "slow" answers exercise the timeout path); correctness, not speed, is measured.</summary>
    static readonly TransportOptions Patient = new() { MaxAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromSeconds(1) };

    public static async Task<IReadOnlyList<SoakResult>> RunAsync(int runs, double faultRate, int seed = 7, Action<string>? log = null, string? only = null)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Seed = seed, Throttle = false });
        foreach (var kind in Kinds)
            sandbox.State.Faults.Add(new FaultRule { Kind = kind, Rate = faultRate / Kinds.Length, DelayMs = 1500 });
        var results = new List<SoakResult>();
        var now = DateTimeOffset.Now;

        var orders = sandbox.Billbee.Orders.Select(o => o.BillbeeOrderId.ToString()).ToHashSet();
        if (only == null || only == "Billbee") results.Add(await ServiceAsync("Billbee", runs, orders, async ct =>
        {
            using var c = new BillbeeConnection(sandbox.ServiceUri("billbee"), sandbox.Billbee.Admin.Username, Secret.FromPlainText(sandbox.Billbee.Admin.ApiPassword),
                Secret.FromPlainText(sandbox.Billbee.ApiKey), Patient, throttle: false);
            var ids = new List<string>();
            await foreach (var o in c.Client.GetOrdersAsync(new BillbeeOrderQuery(), ct)) ids.Add(o.BillbeeOrderId.ToString());
            return ids;
        }, log));

        var customers = sandbox.Tripletex.Data.Customers.Select(c => c.Id.ToString()).ToHashSet();
        if (only == null || only == "Tripletex") results.Add(await ServiceAsync("Tripletex", runs, customers, async ct =>
        {
            using var c = new TripletexConnection(TripletexEnvironment.Test, Secret.FromPlainText(sandbox.Tripletex.ConsumerToken), Secret.FromPlainText(sandbox.Tripletex.AdminEmployeeToken),
                sandbox.ServiceUri("tripletex"), "0", 2, Patient);
            var ids = new List<string>();
            foreach (var inactive in new[] { false, true })
                await foreach (var customer in c.Client.GetCustomersAsync(inactive, ct)) ids.Add(customer.Id.ToString());
            return ids;
        }, log));

        var from = DateTime.Today.AddDays(-400);
        var invoices = sandbox.IFirma.Invoices.Where(i => i.IssueDate >= from).Select(i => i.Id.ToString()).ToHashSet();
        if (only == null || only == "iFirma") results.Add(await ServiceAsync("iFirma", runs, invoices, async ct =>
        {
            using var c = new IFirmaConnection(sandbox.IFirma.Login, sandbox.IFirma.Keys.ToDictionary(k => k.Key, k => Secret.FromPlainText(k.Value)), sandbox.ServiceUri("ifirma"), Patient);
            var ids = new List<string>();
            await foreach (var i in c.Client.GetInvoicesAsync(from, DateTime.Today.AddDays(1), ct)) ids.Add(i.Id.ToString());
            return ids;
        }, log));

        var creditor = (string)sandbox.Billecta.Creditors[0]["CreditorPublicId"]!;
        var open = sandbox.Billecta.Invoices.Where(i => (string)i["CreditorPublicId"]! == creditor && i["ClosedDate"] == null).Select(i => (string)i["ActionPublicId"]!).ToHashSet();
        if (only == null || only == "Billecta") results.Add(await ServiceAsync("Billecta", runs, open, async ct =>
        {
            using var c = new BillectaConnection(BillectaEnvironment.Production, Secret.FromPlainText(BillectaAuthorization.Basic(sandbox.Billecta.Production.Username, sandbox.Billecta.Production.Password)),
                new Uri(sandbox.BaseUri, sandbox.Billecta.BasePath), null, Patient);
            return (await c.Client.GetOpenInvoicesAsync(creditor, ct)).Select(i => i.ActionPublicId).ToList();
        }, log));

        var logs = sandbox.Lime.Logs.Where(l => l.Created < now).Select(l => l.Id.ToString()).ToHashSet();
        if (only == null || only == "Lime") results.Add(await ServiceAsync("Lime", runs, logs, async ct =>
        {
            using var c = new LimeConnection(sandbox.ServiceUri("lime"), Secret.FromPlainText(sandbox.Lime.ApiKey), 1_000_000, Patient);
            var ids = new List<string>();
            foreach (var monitor in sandbox.Lime.Monitors)
                await foreach (var l in c.Client.GetLogsBeforeAsync(monitor.Id, now, ct)) ids.Add(l.Id.ToString());
            return ids;
        }, log));
        return results;
    }

    static async Task<SoakResult> ServiceAsync(string service, int runs, HashSet<string> expected, Func<CancellationToken, Task<List<string>>> read, Action<string>? log)
    {
        long records = 0, lost = 0, duplicated = 0;
        int failed = 0, unhandled = 0;
        string? first = null;
        for (var run = 0; run < runs; run++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                var ids = await read(timeout.Token);
                var distinct = ids.ToHashSet();
                records += ids.Count;
                duplicated += ids.Count - distinct.Count;
                lost += expected.Count(id => !distinct.Contains(id));
                var unexpected = distinct.Where(id => !expected.Contains(id)).ToList();
                if (unexpected.Count > 0) first ??= $"{unexpected.Count} ids the sandbox does not have, e.g. {unexpected[0]}";
            }
            catch (ServiceException ex)
            {
                failed++;
                lost += expected.Count;
                first ??= ex.Message;
            }
            catch (Exception ex)
            {
                unhandled++;
                lost += expected.Count;
                first ??= ex.GetType().Name + ": " + ex.Message + " at " + ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Accounting.Integrations.Core"))?.Trim();
            }
        }
        log?.Invoke($"soak {service}: {runs} runs, {records} records, {lost} lost, {duplicated} duplicated, {failed} failed runs, {unhandled} unhandled" + (first == null ? "" : "; first problem: " + first));
        return new SoakResult(service, runs, records, lost, duplicated, failed, unhandled, first);
    }
}
