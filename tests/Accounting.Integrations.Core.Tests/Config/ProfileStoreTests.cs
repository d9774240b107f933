using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Tests.Config;

public class ProfileStoreTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "ai-profiles-" + Guid.NewGuid().ToString("N"));
    string FilePath => Path.Combine(_folder, "profiles.yaml");

    static IntegrationProfile Contoso()
    {
        var profile = new IntegrationProfile { Name = "contoso", Description = "Contoso GmbH" };
        var billbee = new ServiceSettings();
        billbee.Settings["username"] = "admin@contoso.test";
        billbee.Settings["baseUrl"] = "https://api.billbee.io/api/v1/";
        billbee.Secrets["apiPassword"] = SecretReference.FromVault("Company", "billbee-apipassword");
        billbee.Secrets["apiKey"] = SecretReference.FromEnvironment("BILLBEE_API_KEY");
        profile.Services["billbee"] = billbee;
        return profile;
    }

    [Fact]
    public void A_profile_round_trips_with_references_not_values()
    {
        var store = new ProfileStore(FilePath);
        store.Save(Contoso());
        var loaded = Assert.Single(store.Load());
        Assert.Equal("Contoso GmbH", loaded.Description);
        Assert.Equal("admin@contoso.test", loaded.Services["billbee"].Settings["username"]);
        Assert.Equal("billbee-apipassword", loaded.Services["billbee"].Secrets["apiPassword"].SecretName);
        Assert.Equal("BILLBEE_API_KEY", loaded.Services["billbee"].Secrets["apiKey"].EnvironmentVariable);
        var text = File.ReadAllText(FilePath);
        Assert.Contains("schemaVersion: 1", text);
    }

    [Fact]
    public void A_secret_value_cannot_be_saved_as_a_setting()
    {
        var profile = Contoso();
        profile.Services["billbee"].Settings["apiPassword"] = "hunter2-hunter2";
        var ex = Assert.Throws<ArgumentException>(() => new ProfileStore(FilePath).Save(profile));
        Assert.Contains("apiPassword", ex.Message);
        Assert.Contains("secret reference", ex.Message);
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void A_reference_must_name_exactly_one_source()
    {
        var profile = Contoso();
        profile.Services["billbee"].Secrets["apiKey"] = new SecretReference();
        Assert.Throws<ArgumentException>(() => new ProfileStore(FilePath).Save(profile));
    }

    [Fact]
    public void The_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        new ProfileStore(FilePath).Save(Contoso());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public void Saving_replaces_a_profile_of_the_same_name_and_keeps_the_others()
    {
        var store = new ProfileStore(FilePath);
        store.Save(Contoso());
        store.Save(new IntegrationProfile { Name = "fabrikam" });
        var again = Contoso();
        again.Description = "changed";
        store.Save(again);
        var all = store.Load();
        Assert.Equal(new[] { "contoso", "fabrikam" }, all.Select(p => p.Name));
        Assert.Equal("changed", all[0].Description);
        Assert.True(store.Remove("fabrikam"));
        Assert.Single(store.Load());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }
}
