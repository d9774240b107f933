using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using YamlDotNet.Core;

namespace Accounting.Integrations.Core.Tests.Config;

/// <summary>Issue 15 item 9: YAML through one bounded reader; an alias bomb ends in a clear error instead of hanging.</summary>
public class YamlTextTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-yaml-").FullName;

    /// <summary>
    /// The kind of file (585 bytes here): nine levels of nine-fold aliases (9^9 = 387 420 489 nodes) used as a
    /// mapping key, which YamlDotNet hashes in full. Before the caps, reading it did not end (> 90 s, not stoppable).
    /// </summary>
    public static readonly string AliasBomb = string.Join("\n", new[]
    {
        "a: &a [x, x, x, x, x, x, x, x, x]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
        "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
        "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
        "profiles:",
        "  ? *i",
        "  : x",
        "  ? *i",
        "  : y",
        "schemaVersion: 1",
    }) + "\n";

    static void EndsWithin(TimeSpan limit, Action action)
    {
        // A generous bound (the caps make it milliseconds); without them the task never ends.
        var task = Task.Run(action);
        Assert.True(task.Wait(limit) || task.IsCompleted, "did not end within " + limit);
    }

    [Fact]
    public void An_alias_bomb_as_a_mapping_key_is_refused_quickly_by_every_reader()
    {
        Assert.InRange(AliasBomb.Length, 400, 700);
        EndsWithin(TimeSpan.FromSeconds(10), () =>
        {
            var ex = Assert.Throws<YamlException>(() => YamlText.Load(AliasBomb));
            Assert.Contains("aliases", ex.Message);
        });
        var file = Path.Combine(_folder, "profiles.yaml");
        File.WriteAllText(file, AliasBomb);
        EndsWithin(TimeSpan.FromSeconds(10), () => Assert.Contains("aliases", Assert.Throws<InvalidDataException>(() => new ProfileStore(file).Load()).Message));
        EndsWithin(TimeSpan.FromSeconds(10), () => Assert.Throws<PolicyDocumentException>(() => PolicyDocumentReader.ReadFile(file)));
        EndsWithin(TimeSpan.FromSeconds(10), () => Assert.Throws<InvalidDataException>(() => new ApplicationConfigEditor(AliasBomb)));
    }

    [Fact]
    public void Modest_aliases_still_read_and_recursive_ones_are_refused()
    {
        var stream = YamlText.Load("defaults: &d {a: 1, b: 2}\nprod: *d\ntest: *d\n");
        Assert.Single(stream.Documents);
        Assert.Throws<YamlException>(() => YamlText.Load("a: &a [1, *a]\n"));
    }

    [Fact]
    public void Nesting_deeper_than_the_cap_is_refused_without_recursion()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var ex = Assert.Throws<YamlException>(() => YamlText.Load(deep));
        Assert.Contains("deeper than 64", ex.Message);
        Assert.Single(YamlText.Load(new string('[', 60) + new string(']', 60)).Documents);
    }

    [Fact]
    public void A_policy_on_dev_zero_ends_promptly_with_a_clear_error()
    {
        EndsWithin(TimeSpan.FromSeconds(10), () =>
        {
            var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocumentReader.ReadFile("/dev/zero"));
            Assert.Contains("larger than", ex.Message);
        });
        EndsWithin(TimeSpan.FromSeconds(10), () => Assert.Throws<YamlException>(() => YamlText.Load(new StreamReader("/dev/zero"))));
    }

    [Fact]
    public void A_profile_key_that_is_a_list_is_a_clear_error_not_a_cast_failure()
    {
        var file = Path.Combine(_folder, "profiles.yaml");
        File.WriteAllText(file, "schemaVersion: 1\nprofiles:\n  ? [a, b]\n  : {}\n");
        Assert.Contains("key must be a plain name", Assert.Throws<InvalidDataException>(() => new ProfileStore(file).Load()).Message);
    }

    public void Dispose() => Directory.Delete(_folder, true);
}
