using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Tests.Policies;

public class PolicyLinterTests
{
    static readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> Baselines =
        new Dictionary<string, IReadOnlyCollection<string>> { ["billecta"] = new[] { "invoice", "payment" } };

    static IEnumerable<(string Rule, string? Policy)> Lint(string yaml) =>
        PolicyLinter.Lint(PolicyDocumentReader.Read(yaml), Baselines).Select(f => (f.Rule, f.Policy));

    [Fact]
    public void A_clean_document_has_no_findings()
    {
        Assert.Empty(Lint("""
            schemaVersion: 1
            templates: [billecta]
            groups: [{ name: g, members: [u@api] }]
            policies:
              - { name: tbl_invoice, target: invoice, grants: { g: RWA } }
              - { name: tbl_payment, target: payment, grants: { g: RWAD }, justification: "The task prunes payments it imported twice." }
              - { name: fld_invoice_total, target: invoice.total, grants: { g: RW } }
            """));
    }

    [Fact]
    public void Each_rule_finds_its_problem_and_nothing_else()
    {
        var findings = Lint("""
            groups:
              - { name: g, members: [{ name: u@api, type: API }] }
              - { name: h, members: [{ name: u@api, type: API }] }
            templates: [billecta, nosuch]
            tables: [lease]
            policies:
              - { name: tbl_invoice, target: invoice, grants: { g: RX } }
              - { name: invoice_policy, target: payment, grants: { g: R } }
              - { name: fld_invoice_total, target: invoice.total, grants: { g: RA } }
              - { name: tbl_order, target: order, grants: { g: W } }
              - { name: tbl_article, target: article, grants: { g: RD } }
              - { name: tbl_coworker, target: coworker, grants: { other: R } }
              - { name: tbl_invoice2, target: invoice, grants: { g: R } }
            tripletex:
              - { employee: x, template: BOSS }
            """).ToList();
        Assert.Equal(new (string, string?)[]
        {
            ("PL001", null),
            ("PL009", "tbl_invoice2"),
            ("PL002", "tbl_invoice"),
            ("PL004", "invoice_policy"),
            ("PL003", "fld_invoice_total"),
            ("PL005", "tbl_order"),
            ("PL006", "tbl_article"),
            ("PL007", "tbl_coworker"),
            ("PL004", "tbl_invoice2"),
            ("PL010", null),
            ("PL008", "tbl_lease"),
            ("PL011", null),
            ("PL012", "tripletex"),
            ("PL012", "tripletex"),
            ("PL012", "tripletex"),
        }, findings);
    }
}
