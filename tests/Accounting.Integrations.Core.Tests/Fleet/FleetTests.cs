using Accounting.Integrations.Core.Fleet;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Tests.Fleet;

/// <summary>Shards, the fleet's result format, the merge and the renderers.</summary>
public class FleetTests
{
    static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.FromHours(1));
    static readonly string[] Names = Enumerable.Range(1, 500).Select(i => $"customer-{i:000}").ToArray();

    static OnboardingRun Run(string profile, DateTimeOffset at, params (string Service, string Check, OnboardingStatus Status)[] checks) =>
        new(profile, checks.Select(c => new OnboardingResult
        {
            Profile = profile, Service = c.Service, Check = c.Check, Status = c.Status, Detail = $"{c.Check} of {profile}: {c.Status}", Evidence = "GET x",
            Fix = c.Status == OnboardingStatus.Pass ? null : $"Fix {c.Check} of {profile}", Duration = TimeSpan.FromMilliseconds(123.4567),
        }).ToList(), at);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_are_disjoint_and_cover_every_profile(int n)
    {
        var shards = Enumerable.Range(1, n).Select(k => new FleetShard(k, n)).ToList();
        foreach (var name in Names) Assert.Single(shards, s => s.Includes(name));
        // Each shard gets a fair share: the hash spreads, it does not lump.
        if (n > 1) Assert.All(shards, s => Assert.InRange(Names.Count(s.Includes), Names.Length / n / 2, Names.Length / n * 2));
    }

    [Fact]
    public void A_profile_s_shard_is_stable_across_processes_and_releases()
    {
        // Fixed values: FNV-1a 64 of the lower-case UTF-8 name. string.GetHashCode would change per process.
        Assert.Equal(0xcbf29ce484222325UL, FleetShard.Fnv1a(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, FleetShard.Fnv1a("a"));
        Assert.Equal(FleetShard.ShardOf("Customer-001", 4), FleetShard.ShardOf("customer-001", 4));
        // Pinned from an independent FNV-1a (Python) of the same names.
        Assert.Equal(new[] { 4, 3, 2, 1, 4 }, Names.Take(5).Select(n => FleetShard.ShardOf(n, 4)).ToArray());
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    public void A_shard_that_is_not_k_of_n_is_refused_with_the_form_it_takes(string text)
    {
        var ex = Assert.Throws<FormatException>(() => FleetShard.Parse(text));
        Assert.Contains("k/n", ex.Message);
    }

    [Fact]
    public void Result_lines_round_trip_every_field()
    {
        var run = Run("acme", At, ("Billbee", "Order states", OnboardingStatus.Fail), ("Billbee", "Administrator account", OnboardingStatus.Attested));
        run.Results[1].AttestedBy = "K. Nordmann";
        run.Results[1].AttestedOn = new DateTime(2026, 11, 30);
        var text = FleetResultFile.Jsonl(new[] { run });
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var back = Assert.Single(FleetResultFile.Parse(text));
        Assert.Equal("acme", back.Profile);
        Assert.Equal(At, back.At);
        Assert.Equal(run.Results.Select(r => (r.Service, r.Check, r.Status, r.Detail, r.Fix, r.AttestedBy, r.AttestedOn)),
            back.Results.Select(r => (r.Service, r.Check, r.Status, r.Detail, r.Fix, r.AttestedBy, r.AttestedOn)));
        Assert.Equal(0.123, back.Results[0].Duration.TotalSeconds, 3);
        Assert.Equal(text, FleetResultFile.Jsonl(new[] { back }));
    }

    [Fact]
    public void A_line_that_is_not_a_result_names_its_line_and_source()
    {
        var good = FleetResultFile.Jsonl(new[] { Run("acme", At, ("Billbee", "Order states", OnboardingStatus.Pass)) });
        var ex = Assert.Throws<FormatException>(() => FleetResultFile.Parse(good + "\n{\"v\":1,\"profile\":\"x\",\"at\":\"2026-12-01T06:00:00+01:00\",\"status\":\"Great\"}\n", "w1.jsonl"));
        Assert.Contains("w1.jsonl, line 3", ex.Message);
        Assert.Contains("Great", ex.Message);
        Assert.Throws<FormatException>(() => FleetResultFile.Parse("not json"));
        Assert.Throws<FormatException>(() => FleetResultFile.Parse("{\"v\":2}"));
    }

    [Fact]
    public void The_merge_keeps_each_customer_once_with_its_newest_run()
    {
        var old = Run("acme", At, ("Billbee", "Order states", OnboardingStatus.Fail));
        var fresh = Run("ACME", At.AddHours(1), ("Billbee", "Order states", OnboardingStatus.Pass));
        var other = Run("beta", At, ("Billbee", "Order states", OnboardingStatus.Pass));
        var merge = FleetMerge.Of(new[] { old, other, fresh });
        Assert.Equal(new[] { "ACME", "beta" }, merge.Runs.Select(r => r.Profile));
        Assert.Same(fresh, merge.Runs[0]);
        Assert.Same(old, Assert.Single(merge.Superseded));
    }

    [Fact]
    public void The_dashboard_puts_customers_with_a_Fail_first_then_Warn_and_links_each_cell_to_its_detail()
    {
        var runs = new[]
        {
            Run("alpha", At, ("Billbee", "Order states", OnboardingStatus.Pass), ("Tripletex", "Session", OnboardingStatus.Pass)),
            Run("bravo", At, ("Billbee", "Order states", OnboardingStatus.Warn)),
            Run("charlie", At, ("Billbee", "Order states", OnboardingStatus.Pass), ("Tripletex", "Session", OnboardingStatus.Fail)),
        };
        Assert.Equal(new[] { "charlie", "bravo", "alpha" }, FleetReport.Ordered(runs).Select(r => r.Profile));
        // Columns: services in the profile schema's order (Tripletex before Billbee), whatever order the customers ran in.
        Assert.Equal(new[] { ("Tripletex", "Session"), ("Billbee", "Order states") }, FleetReport.Columns(runs));
        var html = FleetReport.Html(runs, At);
        Assert.True(html.IndexOf("data-customer=\"charlie\"", StringComparison.Ordinal) < html.IndexOf("data-customer=\"bravo\"", StringComparison.Ordinal));
        Assert.Contains("href=\"#c0-1\"", html); // charlie's Tripletex cell
        Assert.Contains("id=\"c0-1\"", html);
        Assert.Contains("Fix Session of charlie", html);
        Assert.Contains("<td class=\"cell none\">", html); // bravo has no Tripletex
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Every_format_leaves_out_a_secret_that_slipped_into_a_detail()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(canary);
        var run = Run("acme", At, ("Billbee", "Connection and credentials", OnboardingStatus.Fail));
        run.Results[0].Detail = "refused key " + canary;
        run.Results[0].Fix = "rotate " + canary;
        foreach (var format in Enum.GetValues<FleetReportFormat>())
            Assert.DoesNotContain(canary, FleetReport.Render(new[] { run }, format, At));
    }

    [Fact]
    public void Markdown_and_CSV_hold_the_matrix_and_each_check_and_CSV_cannot_be_run_as_a_formula()
    {
        var runs = new[] { Run("a|b", At, ("Billbee", "Order states", OnboardingStatus.Fail)) };
        runs[0].Results[0].Detail = "=HYPERLINK(\"x\"), with \"quotes\"\nand a line";
        var md = FleetReport.Markdown(runs, At);
        Assert.Contains("| a\\|b | Fail |", md);
        var csv = FleetReport.Csv(runs);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Profile,CheckedAt,Service,Check,Status", lines[0]);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\"), with \"\"quotes\"\"\nand a line\",", csv);
    }
}
