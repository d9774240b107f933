using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Lime;

[Collection("Module")]
public class LimeApplicationConfigTests(ModuleSession session) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-lime-").FullName;

    const string Config = "# Lime application config, managed by ops\nsales:   # sales team\n  config:\n    softphone:\n      enabled: true\n  secrets:\n    scim:\n      token: \"keep-me\"\n\ncrm:\n  config:\n    other_package:\n      url: https://x.test   # unrelated\n\n# support desk\nsupport:\n  config: {}\n";

    string WriteConfig()
    {
        var path = Path.Combine(_folder, "application_config.yaml");
        File.WriteAllText(path, Config);
        session.SetVariable("ConfigPath", path);
        return path;
    }

    [Fact]
    public void Only_the_two_seed_entries_change_and_the_secret_appears_in_no_stream()
    {
        var path = WriteConfig();
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        session.SetVariable("BillectaPassword", password);
        var result = session.Run("""
            $DebugPreference = 'Continue'
            $cred = [pscredential]::new('api@firma.se', (Secure $BillectaPassword))
            New-BillectaAuthorization -Credential $cred | Set-LimeApplicationConfig -Path $ConfigPath -Application crm -Environment Test -Verbose -Confirm:$false
            """);
        result.ShouldSucceed();
        var change = Assert.Single(result.Output);
        Assert.True((bool)change.Properties["Changed"].Value);

        var before = Config.Split('\n');
        var after = File.ReadAllText(path).Split('\n');
        // Byte-level: every original line is still there, unchanged and in order; only insertions, all inside crm's block.
        var added = new List<string>();
        var b = 0;
        foreach (var line in after)
        {
            if (b < before.Length && line == before[b]) b++;
            else added.Add(line);
        }
        Assert.Equal(before.Length, b);
        Assert.Equal(new[]
        {
            "    billecta:", "      api:", "        base_url: \"https://apitest.billecta.com/v1\"",
            "  secrets:", "    billecta:", "      api:", "        authentication: \"Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api@firma.se:" + password)) + "\"",
        }, added);
        Assert.True(Array.IndexOf(after, "    billecta:") > Array.IndexOf(after, "crm:") && Array.IndexOf(after, "    billecta:") < Array.IndexOf(after, "support:"));

        var everything = result.AllText();
        Assert.DoesNotContain(password, everything);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api@firma.se:" + password)), everything);
        var backup = (string)change.Properties["BackupPath"].Value;
        Assert.Equal(Config, File.ReadAllText(backup));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }
    }

    [Fact]
    public void WhatIf_writes_nothing_and_hides_the_value()
    {
        var path = WriteConfig();
        var result = session.Run("New-BillectaAuthorization -SecureToken (Secure 'AAECAwQFBgcICQoLDA0ODw==') | Set-LimeApplicationConfig -Path $ConfigPath -Application crm -Environment Production -WhatIf");
        result.ShouldSucceed();
        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
        Assert.Contains("value hidden", result.HostText);
        Assert.DoesNotContain("QUFFQ", result.HostText);
    }

    [Fact]
    public void A_malformed_value_is_refused_with_its_defect_and_the_file_is_untouched()
    {
        var path = WriteConfig();
        var result = session.Run("Set-LimeApplicationConfig -Path $ConfigPath -Application crm -Environment Test -Authorization (Secure 'Basic  dXNlcjpwYXNz')");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("-Authorization", error.Exception.Message);
        Assert.Contains("more than one space", error.Exception.Message);
        Assert.DoesNotContain("dXNlcjpwYXNz", result.AllText());
        Assert.Equal(Config, File.ReadAllText(path));
    }

    [Fact]
    public void Test_BillectaAuthorization_names_each_defect_of_five_malformed_values()
    {
        var result = session.Run("""
            'basic dXNlcjpwYXNz', 'BasicdXNlcjpwYXNz', 'Basic dXNlcjpwYXNz!', 'Basic dXNlcnBhc3M=', 'SecureToken AAECAwQFBgcICQoLDA0ODw==' |
                ForEach-Object { Secure $_ } | Test-BillectaAuthorization | ForEach-Object { "$($_.Valid)|$($_.Problems -join ' ')" }
            """);
        result.ShouldSucceed();
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("False|", l));
        Assert.Contains("written 'Basic' exactly", lines[0]);
        Assert.Contains("one space between", lines[1]);
        Assert.Contains("not valid base64", lines[2]);
        Assert.Contains("no ':'", lines[3]);
        Assert.Contains("raw SecureToken", lines[4]);
    }

    public void Dispose() => Directory.Delete(_folder, true);
}
