using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Profiles;

[Collection("Module")]
public class IntegrationProfileTests(ModuleSession session) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-profiles-").FullName;
    readonly string _previous = Environment.GetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG");

    string ProfileFile => Path.Combine(_folder, "profiles.yaml");

    [Fact]
    public void A_profile_keeps_references_and_is_listed_replaced_and_removed()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _folder);
        var created = session.Run("""
            New-IntegrationProfile contoso Billbee -Description 'Contoso GmbH' -Setting @{ username = 'admin@contoso.de' } -SecretReference @{ apiPassword = 'vault:Company/contoso-billbee'; apiKey = 'env:BILLBEE_API_KEY' } -Confirm:$false
            New-IntegrationProfile contoso Tripletex -SecretReference @{ employeeToken = 'env:TT_EMPLOYEE' } -Confirm:$false
            Get-IntegrationProfile | ForEach-Object { $_.Name + ':' + ($_.Services.Keys -join ',') }
            """);
        created.ShouldSucceed();
        Assert.Equal("contoso:Billbee,Tripletex", created.Output.Last().ToString());
        var text = File.ReadAllText(ProfileFile);
        Assert.Contains("secret: contoso-billbee", text);
        Assert.Contains("env: BILLBEE_API_KEY", text);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ProfileFile));

        var again = session.Run("New-IntegrationProfile contoso Billbee -Setting @{ username = 'other@contoso.de' }");
        Assert.Contains("-Force", again.SingleError().Exception.Message);
        var forced = session.Run("New-IntegrationProfile contoso Billbee -Setting @{ username = 'other@contoso.de' } -Force -Confirm:$false | ForEach-Object { $_.Services['Billbee'].Settings['username'] }");
        forced.ShouldSucceed();
        Assert.Equal("other@contoso.de", forced.Output.Single().ToString());

        var whatIf = session.Run("Remove-IntegrationProfile contoso -WhatIf; (Get-IntegrationProfile).Count");
        whatIf.ShouldSucceed();
        Assert.Equal(1, (int)whatIf.Output.Single().BaseObject);
        var removed = session.Run("Get-IntegrationProfile contoso | Remove-IntegrationProfile -Confirm:$false; @(Get-IntegrationProfile).Count");
        removed.ShouldSucceed();
        Assert.Equal(0, (int)removed.Output.Single().BaseObject);
    }

    [Fact]
    public void A_secret_value_is_refused_and_nothing_is_written()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _folder);
        var asSetting = session.Run("New-IntegrationProfile fabrikam Billbee -Setting @{ apiPassword = 'Hunter2-Hunter2' } -Confirm:$false");
        var error = asSetting.SingleError();
        Assert.StartsWith("Module.ProfileInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("apiPassword", error.Exception.Message);
        Assert.DoesNotContain("Hunter2-Hunter2", asSetting.AllText());

        var asReference = session.Run("New-IntegrationProfile fabrikam Billbee -SecretReference @{ apiKey = 'ab12cd34ef56' } -Confirm:$false");
        Assert.Contains("-SecretReference 'apiKey' must be", asReference.SingleError().Exception.Message);
        Assert.False(File.Exists(ProfileFile));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ACCOUNTING_INTEGRATIONS_CONFIG", _previous);
        Directory.Delete(_folder, true);
    }
}
