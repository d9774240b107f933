using Accounting.Integrations.Core.Lime;

namespace Accounting.Integrations.Core.Tests.Config;

public class ApplicationConfigEditorTests
{
    static readonly string[] BaseUrl = { "crm", "config", "billecta", "api", "base_url" };
    static readonly string[] Authentication = { "crm", "secrets", "billecta", "api", "authentication" };

    const string TwoOtherApps = """
        # Lime application config (on-premise)
        sales:   # the sales team's application
          config:
            softphone:
              enabled: true
          secrets:
            scim:
              token: "abc"

        crm:
          config:
            billecta:
              api:
                base_url: "https://old.example.test/v1"   # replaced by the cmdlet
          secrets:
            billecta:
              api:
                authentication: 'Basic b2xkOm9sZA=='

        # the last application
        support:
          config: {}
        """;

    [Fact]
    public void Existing_values_change_and_no_other_byte_moves()
    {
        var editor = new ApplicationConfigEditor(TwoOtherApps);
        Assert.True(editor.Set(BaseUrl, "https://apitest.billecta.com/v1"));
        Assert.True(editor.Set(Authentication, "SecureToken c2VjcmV0"));
        var before = TwoOtherApps.Split('\n');
        var after = editor.ToString().Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Equal(2, changed.Count);
        Assert.Equal("        base_url: \"https://apitest.billecta.com/v1\"   # replaced by the cmdlet", after[changed[0]]);
        Assert.Equal("        authentication: \"SecureToken c2VjcmV0\"", after[changed[1]]);
        Assert.Equal("https://apitest.billecta.com/v1", ApplicationConfigEditor.Read(editor.ToString(), BaseUrl));
    }

    [Fact]
    public void Missing_keys_are_added_inside_the_application_and_other_applications_stay_as_they_were()
    {
        var text = "sales:\r\n  config:\r\n    softphone:\r\n      enabled: true\r\n\r\ncrm:\r\n  config:\r\n    other: 1\r\n# trailing comment\r\nsupport:\r\n  config: {}\r\n";
        var editor = new ApplicationConfigEditor(text);
        editor.Set(BaseUrl, "https://api.billecta.com/v1");
        editor.Set(Authentication, "Basic dTpw");
        var result = editor.ToString();
        Assert.DoesNotContain("\n", result.Replace("\r\n", ""));   // CRLF kept everywhere
        Assert.StartsWith("sales:\r\n  config:\r\n    softphone:\r\n      enabled: true\r\n\r\ncrm:\r\n  config:\r\n    other: 1\r\n    billecta:\r\n", result);
        Assert.EndsWith("# trailing comment\r\nsupport:\r\n  config: {}\r\n", result);
        Assert.Equal("Basic dTpw", ApplicationConfigEditor.Read(result, Authentication));
        Assert.Equal("1", ApplicationConfigEditor.Read(result, new[] { "crm", "config", "other" }));
    }

    [Fact]
    public void A_missing_application_is_appended_whole()
    {
        var editor = new ApplicationConfigEditor("sales:\n    config:\n        x: 1\n");
        editor.Set(BaseUrl, "https://apitest.billecta.com/v1");
        editor.Set(Authentication, "Basic dTpw");
        Assert.Equal("sales:\n    config:\n        x: 1\ncrm:\n    config:\n        billecta:\n            api:\n                base_url: \"https://apitest.billecta.com/v1\"\n    secrets:\n        billecta:\n            api:\n                authentication: \"Basic dTpw\"\n", editor.ToString());
    }

    [Fact]
    public void Setting_the_same_value_again_changes_nothing()
    {
        var editor = new ApplicationConfigEditor(TwoOtherApps);
        editor.Set(BaseUrl, "https://x.test/v1");
        var once = editor.ToString();
        Assert.False(editor.Set(BaseUrl, "https://x.test/v1"));
        Assert.Equal(once, editor.ToString());
    }

    [Fact]
    public void A_form_it_cannot_edit_safely_is_refused()
    {
        var editor = new ApplicationConfigEditor("crm:\n  config: {billecta: {api: {base_url: x}}}\n");
        var ex = Assert.Throws<InvalidDataException>(() => editor.Set(BaseUrl, "https://x.test/v1"));
        Assert.Contains("flow mapping", ex.Message);
    }

    [Fact]
    public void Quotes_and_backslashes_survive_a_real_parser()
    {
        var editor = new ApplicationConfigEditor("");
        editor.Set(Authentication, "Basic a\"b\\c");
        Assert.Equal("Basic a\"b\\c", ApplicationConfigEditor.Read(editor.ToString(), Authentication));
    }
}
