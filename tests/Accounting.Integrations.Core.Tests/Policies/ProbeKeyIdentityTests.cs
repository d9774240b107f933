using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tests.Policies;

/// <summary>Whose key a probe key is, from its rights pattern against the sandbox's policy grid (seed 000's matrices).</summary>
public class ProbeKeyIdentityTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    LimeConnection Connect(string key) => new(sandbox.Server.ServiceUri("lime"), Secret.FromPlainText(key), 60000);

    static PolicyDocument Baseline() =>
        PolicyDocumentReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "policies", "billecta.yml"));

    async Task<ProbeKeyIdentity> Prove(string key, bool sameKey = false)
    {
        using var probe = Connect(key);
        var doc = Baseline();
        var observed = new PolicyObservation();
        await PolicyObserver.ProbeLimeAsync(doc, probe.Client, "billectawebhook@api", observed, CancellationToken.None);
        return await ProbeKeyIdentity.ProveAsync(doc, probe.Client, "billectawebhook@api", observed, sameKey, CancellationToken.None);
    }

    [Fact]
    public async Task The_webhook_users_key_shows_its_groups_rights_pattern_and_is_proven()
    {
        var identity = await Prove(sandbox.Server.Lime.WebhookApiKey);
        Assert.Equal(ProbeKeyIdentity.Outcome.Proven, identity.Result);
        Assert.Equal("Billecta webhook", identity.Group);
        Assert.Contains("reads the 12 table(s)", identity.Detail);
        Assert.Contains("refused Lime's user list", identity.Detail);
        Assert.True(identity.SpeaksForGroup);
    }

    [Fact]
    public async Task An_administrators_key_reads_the_user_list_and_is_named_as_such_even_when_it_is_not_the_profiles_own()
    {
        // Not the same string as the profile's apiKey (sameKey false): the user list alone gives it away.
        var identity = await Prove(sandbox.Server.Lime.ApiKey);
        Assert.Equal(ProbeKeyIdentity.Outcome.Administrator, identity.Result);
        Assert.Contains("administrator's key", identity.Detail);
        Assert.Contains("GET admin/users/", identity.Evidence);
        Assert.False(identity.SpeaksForGroup);
    }

    [Fact]
    public async Task A_key_refused_a_table_its_group_may_read_is_a_mismatch_whose_reads_still_count()
    {
        sandbox.Server.Lime.Policies.Set("payment", Accounting.Integrations.Sandbox.Lime.LimePolicyGrid.WebhookGroup, "WA");
        try
        {
            var identity = await Prove(sandbox.Server.Lime.WebhookApiKey);
            Assert.Equal(ProbeKeyIdentity.Outcome.Mismatch, identity.Result);
            Assert.Contains("payment", identity.Detail);
            Assert.True(identity.SpeaksForGroup);
        }
        finally { sandbox.Server.Lime.Policies.Set("payment", Accounting.Integrations.Sandbox.Lime.LimePolicyGrid.WebhookGroup, "RWA"); }
    }
}
