using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Accounting.Integrations.Sandbox;
using Accounting.Integrations.Sandbox.Billbee;
using Accounting.Integrations.Sandbox.Frame;
using Accounting.Integrations.Sandbox.Lime;
using Accounting.Integrations.Sandbox.Tripletex;

namespace Accounting.Integrations.Core.Tests.Webhooks;

/// <summary>
/// Issue 20: every webhook and guide switch of the sandbox (Billbee-, Tripletex-, LimeGuideSwitches) has a command-line
/// flag, which reaches each service instance's own switches; a bad value is refused naming the flag. The executable
/// itself (Program.cs) takes them too: started with flags, its answers on the wire change.
/// </summary>
public sealed class SandboxGuideFlagTests
{
    /// <summary>Each flag, its value (null for a switch), and the switch it sets with the value expected there.</summary>
    [Theory]
    [InlineData("--billbee-webhook-filters", "order.created, order.paid", "Billbee.FilterNames", "order.created,order.paid")]
    [InlineData("--billbee-no-echo-test", null, "Billbee.EchoTest", "False")]
    [InlineData("--billbee-any-secret-length", null, "Billbee.RequireSecretLength", "False")]
    [InlineData("--billbee-webhook-attempts", "5", "Billbee.DeliveryAttempts", "5")]
    [InlineData("--billbee-webhook-signature", "wrong", "Billbee.SignatureFault", "Wrong")]
    [InlineData("--billbee-no-apiusage", null, "Billbee.ApiUsageMissing", "True")]
    [InlineData("--billbee-apiusage-base", "99000", "Billbee.ApiUsageBase", "99000")]
    [InlineData("--tripletex-addon-module", "INTEGRATION_PARTNER", "Tripletex.AddonModuleName", "INTEGRATION_PARTNER")]
    [InlineData("--tripletex-addon-module", "none", "Tripletex.AddonModuleName", "")]
    [InlineData("--tripletex-package-module", "KOMPLETT", "Tripletex.PackageModuleName", "KOMPLETT")]
    [InlineData("--tripletex-salesmodules-forbidden", null, "Tripletex.SalesModulesForbidden", "True")]
    [InlineData("--tripletex-webhook-attempts", "1", "Tripletex.DeliveryAttempts", "1")]
    [InlineData("--tripletex-webhook-disable-after", "7", "Tripletex.DisableAfterFailedDeliveries", "7")]
    [InlineData("--tripletex-webhook-signature", "missing", "Tripletex.SignatureFault", "Missing")]
    [InlineData("--tripletex-client-login-in-customercompanyid", null, "Tripletex.ClientLoginIdInCustomerCompanyId", "True")]
    [InlineData("--lime-webhook-attempts", "2", "Lime.DeliveryAttempts", "2")]
    [InlineData("--lime-webhook-signature", "Wrong", "Lime.SignatureFault", "Wrong")]
    [InlineData("--lime-no-billecta-receiver", null, "Lime.BillectaReceiverInstalled", "False")]
    [InlineData("--lime-billecta-receiver-open", null, "Lime.BillectaReceiverOpen", "True")]
    [InlineData("--lime-billecta-receiver-get-status", "200", "Lime.BillectaReceiverGetStatus", "200")]
    public async Task A_flag_sets_its_switch_on_the_service_and_on_each_fleet_customer(string flag, string value, string target, string expected)
    {
        var args = new List<string> { "--billbee-orders", "20", "--customers", "1", flag };
        if (value != null) args.Add(value);
        var options = SandboxOptions.Parse(args.ToArray());
        await using var server = await SandboxServer.StartAsync(options);
        var (service, property) = (target.Split('.')[0], target.Split('.')[1]);
        Assert.Equal(expected, Read(GuideOf(server.State.Services, service), property));
        Assert.Equal(expected, Read(GuideOf(server.State.Customers[0].Services, service), property));
        // The default differs: the flag is what changed it.
        Assert.NotEqual(expected, Read(service switch { "Billbee" => new BillbeeGuideSwitches(), "Tripletex" => new TripletexGuideSwitches(), _ => (object)new LimeGuideSwitches() }, property));
    }

    [Theory]
    [InlineData("--billbee-webhook-signature", "sometimes")]
    [InlineData("--tripletex-webhook-attempts", "0")]
    [InlineData("--lime-webhook-attempts", "many")]
    [InlineData("--lime-billecta-receiver-get-status", "999")]
    [InlineData("--billbee-webhook-filters", " , ")]
    public void A_bad_value_is_refused_naming_the_flag(string flag, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SandboxOptions.Parse(new[] { flag, value }));
        Assert.Contains(flag, error.Message);
    }

    [Fact]
    public void The_usage_text_lists_every_guide_flag()
    {
        foreach (var flag in new[]
        {
            "--billbee-webhook-filters", "--billbee-no-echo-test", "--billbee-any-secret-length", "--billbee-webhook-attempts", "--billbee-webhook-signature",
            "--billbee-no-apiusage", "--billbee-apiusage-base", "--tripletex-addon-module", "--tripletex-package-module", "--tripletex-salesmodules-forbidden",
            "--tripletex-webhook-attempts", "--tripletex-webhook-disable-after", "--tripletex-webhook-signature", "--tripletex-client-login-in-customercompanyid",
            "--lime-webhook-attempts", "--lime-webhook-signature", "--lime-no-billecta-receiver", "--lime-billecta-receiver-open", "--lime-billecta-receiver-get-status",
        })
            Assert.Contains(flag, SandboxOptions.Usage);
    }

    /// <summary>The executable (Program.cs) with flags: Billbee lists the filters given, the Lime receiver answers the status given.</summary>
    [Fact]
    public async Task The_sandbox_executable_takes_the_flags_and_answers_by_them()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Accounting.Integrations.Sandbox.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--no-throttle", "--billbee-orders", "20", "--billbee-webhook-filters", "order.created,order.shipped", "--lime-billecta-receiver-get-status", "418" })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sandbox wrote nothing: " + await process.StandardError.ReadToEndAsync());
            var baseUrl = new Uri(Regex.Match(first, @"http://127\.0\.0\.1:\d+/").Value);
            _ = process.StandardOutput.ReadToEndAsync();
            using var http = new HttpClient { BaseAddress = baseUrl };
            using var accounts = JsonDocument.Parse(await http.GetStringAsync("_sandbox/accounts"));
            JsonElement Account(string name) => accounts.RootElement.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

            var billbee = Account("billbee");
            using var filters = new HttpRequestMessage(HttpMethod.Get, billbee.GetProperty("baseUrl").GetString() + "webhooks/filters");
            filters.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(billbee.GetProperty("username").GetString() + ":" + billbee.GetProperty("apiPassword").GetString())));
            filters.Headers.Add("X-Billbee-Api-Key", billbee.GetProperty("apiKey").GetString());
            using var listed = await http.SendAsync(filters);
            listed.EnsureSuccessStatusCode();
            using var names = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
            Assert.Equal(new[] { "order.created", "order.shipped" }, names.RootElement.EnumerateArray().Select(f => f.GetProperty("Name").GetString()));

            using var keyed = new HttpRequestMessage(HttpMethod.Get, "lime/fjordvik/limepkg-billecta-integration/billecta-webhook-receiver");
            keyed.Headers.Add("x-api-key", Account("lime").GetProperty("webhookApiKey").GetString());
            using var answer = await http.SendAsync(keyed);
            Assert.Equal(418, (int)answer.StatusCode);
        }
        finally
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
        }
    }

    static object GuideOf(IReadOnlyList<ISandboxService> services, string service) => service switch
    {
        "Billbee" => services.OfType<BillbeeSandbox>().Single().Guide,
        "Tripletex" => services.OfType<TripletexSandbox>().Single().Guide,
        "Lime" => services.OfType<LimeSandbox>().Single().Guide,
        _ => throw new ArgumentException(service),
    };

    static string Read(object guide, string property)
    {
        var value = guide.GetType().GetProperty(property)!.GetValue(guide);
        return value is string[] list ? string.Join(",", list) : value?.ToString() ?? "";
    }
}
