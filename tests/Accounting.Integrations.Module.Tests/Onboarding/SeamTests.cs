using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Onboarding;

/// <summary>Issue 17: the services come from one registration list; the transport parameters are declared once.</summary>
[Collection("Module")]
public class SeamTests(ModuleSession session) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-seam-").FullName;
    readonly string _previous = Environment.GetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG");

    [Fact]
    public void Onboarding_takes_the_Connect_transport_parameters_and_refuses_a_bad_proxy_by_name()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _folder);
        var shared = session.Run("""
            $onboarding = (Get-Command Invoke-IntegrationOnboarding).Parameters
            foreach ($name in 'TimeoutSec', 'MaxAttempts', 'Proxy', 'NoRateLimit') {
                $name + '=' + ($onboarding[$name].ParameterType -eq (Get-Command Connect-Billbee).Parameters[$name].ParameterType)
            }
            """);
        shared.ShouldSucceed();
        Assert.Equal(new[] { "TimeoutSec=True", "MaxAttempts=True", "Proxy=True", "NoRateLimit=True" }, shared.Output.Select(o => o.ToString()));

        session.Run("New-IntegrationProfile seam Billbee -Setting @{ username = 'admin@shop.test' } -SecretReference @{ apiPassword = 'env:SEAM_PW'; apiKey = 'env:SEAM_KEY' } -Confirm:$false").ShouldSucceed();
        var refused = session.Run("Invoke-IntegrationOnboarding seam -Proxy ftp://proxy.example/");
        var error = refused.Errors.Concat(refused.Terminating is RuntimeException rt ? new[] { rt.ErrorRecord } : Array.Empty<ErrorRecord>()).First();
        Assert.Equal("Module.InvalidParameter", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("Proxy", Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
        Assert.Empty(refused.Output); // refused before any check ran
    }

    [Fact]
    public void Service_takes_the_registered_names_in_any_case_and_refuses_others_listing_them()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _folder);
        session.Run("New-IntegrationProfile seam2 tripletex -SecretReference @{ employeeToken = 'env:SEAM_TT' } -Confirm:$false").ShouldSucceed();
        var refused = session.Run("New-IntegrationProfile seam2 Acme -Confirm:$false");
        var error = refused.Errors.Concat(refused.Terminating is RuntimeException rt ? new[] { rt.ErrorRecord } : Array.Empty<ErrorRecord>()).First();
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("Billecta,Lime,Tripletex,Billbee,IFirma", error.Exception.Message);
        var onboarding = session.Run("Invoke-IntegrationOnboarding seam2 -Service Acme");
        Assert.StartsWith("ParameterArgumentValidationError", onboarding.Errors.Concat(onboarding.Terminating is RuntimeException rt2 ? new[] { rt2.ErrorRecord } : Array.Empty<ErrorRecord>()).First().FullyQualifiedErrorId);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _previous);
        Directory.Delete(_folder, true);
    }
}
