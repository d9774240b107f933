using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Tests.Config;

/// <summary>The bulk path of the profile file: many profiles checked together and written once, all or nothing, under its lock.</summary>
public class ProfileImportTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "ai-import-" + Guid.NewGuid().ToString("N"));
    string FilePath => Path.Combine(_folder, "profiles.yaml");

    static ProfileImportEntry Billbee(string profile, string user = "admin@example.test", string source = "row") => new()
    {
        Profile = profile, Service = "Billbee", Source = source,
        Connection = Connection(("username", user), ("baseUrl", "https://api.billbee.io/api/v1/")),
    };

    static ProfileImportEntry Tripletex(string profile) => new()
    {
        Profile = profile, Service = "Tripletex", Source = "row",
        Connection = new ServiceSettings { Settings = { ["environment"] = "Test" }, Secrets = { ["employeeToken"] = SecretReference.FromEnvironment("TT_EMPLOYEE") } },
    };

    static ServiceSettings Connection(params (string Name, string Value)[] settings)
    {
        var connection = new ServiceSettings();
        foreach (var (name, value) in settings) connection.Settings[name] = value;
        connection.Secrets["apiKey"] = SecretReference.FromEnvironment("KEY_OF_" + Guid.NewGuid().ToString("N"));
        return connection;
    }

    /// <summary>What Import-IntegrationProfile does: a check on the file as it is, then the write under the lock.</summary>
    static IReadOnlyList<IntegrationProfile> Import(ProfileStore store, ProfileImport import, bool force = false)
    {
        var conflicts = new List<string>();
        var problems = new List<ProfileImportProblem>();
        import.Merge(store.Load(), force, conflicts, problems);
        if (conflicts.Count + problems.Count > 0) throw new ArgumentException(string.Join(" ", conflicts.Concat(problems.Select(p => p.Message))));
        return store.ChangeMany(all =>
        {
            var late = new List<string>();
            var merged = import.Merge(all, force, late, null);
            if (late.Count > 0) throw new ArgumentException(string.Join(" ", late), "Force");
            return merged;
        });
    }

    [Fact]
    public void A_file_over_the_byte_cap_in_fewer_characters_is_refused_not_written_unreadable()
    {
        // Load caps the file's bytes; 'ø' is one character and two bytes, so a character count let this file through.
        var store = new ProfileStore(FilePath);
        store.Save(new IntegrationProfile { Name = "small", Services = { ["Billbee"] = Billbee("small").Connection } });
        var before = File.ReadAllBytes(FilePath);
        var description = new string('ø', ProfileStore.MaxFileBytes / 2 + 1024);
        Assert.True(description.Length < ProfileStore.MaxFileBytes);
        var big = new IntegrationProfile { Name = "big", Description = description, Services = { ["Billbee"] = Billbee("big").Connection } };
        var refused = Assert.Throws<ArgumentException>(() => store.Save(big));
        Assert.Contains("Nothing was written", refused.Message);
        Assert.Equal(before, File.ReadAllBytes(FilePath));
        Assert.Single(store.Load());
    }

    [Fact]
    public void Five_hundred_customers_are_saved_beside_the_profiles_the_file_has()
    {
        var store = new ProfileStore(FilePath);
        var kept = new IntegrationProfile { Name = "kept" };
        kept.Services["Lime"] = Connection(("application", "crm"));
        store.Save(kept);
        var import = new ProfileImport();
        for (var n = 1; n <= 500; n++) { import.Add(Billbee($"customer-{n:000}")); import.Add(Tripletex($"customer-{n:000}")); }
        Assert.Empty(import.Problems());

        var saved = Import(store, import);

        Assert.Equal(500, saved.Count);
        var all = store.Load();
        Assert.Equal(501, all.Count);
        Assert.Contains(all, p => p.Name == "kept" && p.Services.ContainsKey("Lime"));
        var one = all.Single(p => p.Name == "customer-250");
        Assert.Equal(new[] { "Billbee", "Tripletex" }, one.Services.Keys);
        Assert.Equal("admin@example.test", one.Services["Billbee"].Settings["username"]);
        Assert.StartsWith("KEY_OF_", one.Services["Billbee"].Secrets["apiKey"].EnvironmentVariable);
        Assert.Equal("TT_EMPLOYEE", one.Services["Tripletex"].Secrets["employeeToken"].EnvironmentVariable);
    }

    [Fact]
    public void A_file_of_two_thousand_customers_with_five_services_each_is_written_and_read_back()
    {
        // About 230 000 YAML nodes: beyond the module's general cap of 100 000, which made the file unreadable at about 870 customers.
        var store = new ProfileStore(FilePath);
        var import = new ProfileImport();
        for (var n = 1; n <= 2000; n++)
            foreach (var service in new[] { "Billbee", "Tripletex", "IFirma", "Billecta", "Lime" })
            {
                var connection = new ServiceSettings();
                connection.Settings["baseUrl"] = $"https://example.test/c/{n:0000}/{service.ToLowerInvariant()}/";
                var secret = ProfileSchema.Services[service].Secrets[0];
                connection.Secrets[secret] = SecretReference.FromEnvironment($"C{n:0000}_{service}_{secret}".ToUpperInvariant());
                import.Add(new ProfileImportEntry { Profile = $"customer-{n:0000}", Service = service, Connection = connection, Source = "row" });
            }
        Import(store, import);
        var all = store.Load();
        Assert.Equal(2000, all.Count);
        Assert.Equal("C1999_LIME_APIKEY", all[1998].Services["Lime"].Secrets["apiKey"].EnvironmentVariable);
    }

    [Fact]
    public void A_profile_saved_between_the_check_and_the_write_is_kept()
    {
        var store = new ProfileStore(FilePath);
        var import = new ProfileImport();
        import.Add(Billbee("imported"));
        var snapshot = store.Load();
        import.Merge(snapshot, false, new List<string>(), new List<ProfileImportProblem>());
        // Another process saves a profile after the import's check and before its write.
        var late = new IntegrationProfile { Name = "late" };
        late.Services["Billbee"] = Connection(("username", "late@example.test"));
        new ProfileStore(FilePath).Save(late);

        Import(store, import);

        Assert.Equal(new[] { "imported", "late" }, store.Load().Select(p => p.Name));
    }

    [Fact]
    public void Writers_saving_one_profile_at_a_time_during_imports_lose_nothing()
    {
        var store = new ProfileStore(FilePath);
        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(() =>
        {
            for (var i = 1; i <= 15; i++)
            {
                var p = new IntegrationProfile { Name = $"single-{w}-{i}" };
                p.Services["Billbee"] = Connection(("username", "u@example.test"));
                new ProfileStore(FilePath).Save(p);
            }
        })).ToArray();
        for (var batch = 0; batch < 5; batch++)
        {
            var import = new ProfileImport();
            for (var n = 1; n <= 100; n++) import.Add(Billbee($"bulk-{batch}-{n:000}"));
            Import(store, import);
        }
        Task.WaitAll(writers);

        var names = store.Load().Select(p => p.Name).ToHashSet();
        Assert.Equal(500 + 60, names.Count);
        Assert.Contains("single-3-15", names);
        Assert.Contains("bulk-4-100", names);
    }

    [Fact]
    public void One_invalid_profile_among_many_changes_nothing_and_its_secret_is_not_echoed()
    {
        var store = new ProfileStore(FilePath);
        store.Save(new IntegrationProfile { Name = "before" });
        var bytes = File.ReadAllBytes(FilePath);
        var import = new ProfileImport();
        for (var n = 1; n <= 99; n++) import.Add(Billbee($"customer-{n:000}"));
        var bad = Billbee("customer-100", source: "row 100");
        bad.Parameter = "InputObject";
        bad.Connection.Settings["apiPassword"] = "hunter2-hunter2";
        import.Add(bad);

        var problems = new List<ProfileImportProblem>();
        import.Merge(store.Load(), false, new List<string>(), problems);
        Assert.Equal("InputObject", Assert.Single(problems).Parameter);
        var problem = problems[0].Message;
        Assert.Contains("customer-100", problem);
        Assert.Contains("row 100", problem);
        Assert.Contains("apiPassword", problem);
        Assert.DoesNotContain("hunter2", problem);
        // Under the lock too: the whole write is refused.
        var ex = Assert.Throws<ArgumentException>(() => store.ChangeMany(all => import.Merge(all, false, null, null)));
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.Equal(bytes, File.ReadAllBytes(FilePath));
    }

    [Fact]
    public void A_refused_write_names_the_one_profile_or_each_of_many_profiles_problems()
    {
        var store = new ProfileStore(FilePath);
        var bad = new IntegrationProfile { Name = "fabrikam", Services = { ["NoSuchService"] = new ServiceSettings() } };
        var one = Assert.Throws<ArgumentException>(() => store.ChangeMany(_ => new[] { bad }));
        Assert.StartsWith("The profile 'fabrikam' is not valid: Service 'NoSuchService' is not one of", one.Message);

        var worse = new IntegrationProfile { Name = "contoso", Services = { ["Elsewhere"] = new ServiceSettings() } };
        var many = Assert.Throws<ArgumentException>(() => store.ChangeMany(_ => new[] { bad, worse }));
        Assert.StartsWith("The profiles are not valid, so none was written: Profile 'fabrikam': Service 'NoSuchService'", many.Message);
        Assert.Contains("Profile 'contoso': Service 'Elsewhere'", many.Message);
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void A_connection_the_file_has_is_replaced_only_with_force_and_the_profile_keeps_its_others()
    {
        var store = new ProfileStore(FilePath);
        var first = new ProfileImport();
        first.Add(Billbee("Contoso", "old@contoso.test"));
        first.Add(Tripletex("Contoso"));
        Import(store, first);
        var bytes = File.ReadAllBytes(FilePath);

        var again = new ProfileImport();
        again.Add(Billbee("contoso", "new@contoso.test", "row 1"));
        var conflicts = new List<string>();
        again.Merge(store.Load(), false, conflicts, new List<ProfileImportProblem>());
        Assert.Equal("Profile 'Contoso' already has a Billbee connection (row 1)", Assert.Single(conflicts));
        Assert.Throws<ArgumentException>(() => Import(store, again));
        Assert.Equal(bytes, File.ReadAllBytes(FilePath));

        Import(store, again, force: true);
        var saved = Assert.Single(store.Load());
        Assert.Equal("Contoso", saved.Name);
        Assert.Equal("new@contoso.test", saved.Services["Billbee"].Settings["username"]);
        Assert.True(saved.Services.ContainsKey("Tripletex"));
    }

    [Fact]
    public void A_service_given_twice_or_two_descriptions_of_one_profile_are_problems_before_any_file_is_read()
    {
        var import = new ProfileImport();
        var fromFile = Billbee("contoso", source: "customers.yaml"); fromFile.Parameter = "Path";
        import.Add(fromFile);
        import.Add(Billbee("CONTOSO", source: "row 2"));
        var a = Tripletex("fabrikam"); a.Description = "Fabrikam AB"; a.Parameter = "InputObject";
        var b = Billbee("fabrikam"); b.Description = "Fabrikam Oy";
        import.Add(a); import.Add(b);
        var problems = import.Problems();
        Assert.Equal(2, problems.Count);
        Assert.Contains("Profile 'contoso' Billbee is given 2 times (customers.yaml, row 2)", problems[0].Message);
        Assert.Equal("Path", problems[0].Parameter); // the first entry's, carried as data
        Assert.Contains("different descriptions", problems[1].Message);
        Assert.Equal("InputObject", problems[1].Parameter);
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void A_secret_written_on_one_line_is_a_reference_and_any_other_line_is_refused_unechoed()
    {
        Directory.CreateDirectory(_folder);
        var input = Path.Combine(_folder, "customers.yaml");
        File.WriteAllText(input, """
            schemaVersion: 1
            profiles:
              contoso:
                services:
                  Billbee:
                    settings: { username: admin@contoso.test }
                    secrets:
                      apiKey: env:CONTOSO_BILLBEE_KEY
                      apiPassword: vault:Company/contoso-billbee
              fabrikam:
                services:
                  Billbee:
                    secrets:
                      apiPassword: Hunter2-Hunter2
            """);
        var profiles = new ProfileStore(input).Load();
        var contoso = profiles.Single(p => p.Name == "contoso").Services["Billbee"].Secrets;
        Assert.Equal("CONTOSO_BILLBEE_KEY", contoso["apiKey"].EnvironmentVariable);
        Assert.Equal(("Company", "contoso-billbee"), (contoso["apiPassword"].Vault, contoso["apiPassword"].SecretName));
        var problems = ProfileStore.Validate(profiles.Single(p => p.Name == "fabrikam"));
        Assert.Contains(problems, p => p.Contains("apiPassword"));
        Assert.DoesNotContain(problems, p => p.Contains("Hunter2"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }
}
