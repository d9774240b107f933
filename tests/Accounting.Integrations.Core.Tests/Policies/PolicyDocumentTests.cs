using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Core.Tests.Policies;

public class PolicyDocumentTests
{
    const string Sample = """
        schemaVersion: 1
        application: fjordvik
        templates: [billecta]
        tables: [contact]
        groups:
          - name: "Billecta webhook"
            members: [{ name: billectawebhook@api, type: API }]
          - name: Billecta task
            members: [limepkg-billecta@lime.tech]
        policies:
          - name: tbl_invoice
            target: { table: invoice }
            grants: { "Billecta webhook": RWA, Billecta task: R }
          - name: fld_invoice_total
            target: invoice.total
            grants: { "Billecta webhook": R }
        tripletex:
          - employeeId: 18491877
            employee: "Ola Hansen"
            template: AUDITOR
            entitlements: [AUTH_CUSTOMER_READ, 30]
        """;

    [Fact]
    public void A_document_reads_and_round_trips_through_the_writer()
    {
        var doc = PolicyDocumentReader.Read(Sample);
        Assert.Equal(1, doc.SchemaVersion);
        Assert.Equal("fjordvik", doc.Application);
        Assert.Equal(new[] { "Billecta webhook", "Billecta task" }, doc.Groups.Select(g => g.Name));
        Assert.Equal("API", doc.Groups[0].Members.Single().UserType);
        var field = doc.Policies[1];
        Assert.Equal(("invoice", "total"), (field.Table, field.Field));
        Assert.True(doc.Policies[0].Has("billecta task", 'R'));
        Assert.False(doc.Policies[0].Has("Billecta task", 'W'));
        Assert.Equal(new[] { "AUTH_CUSTOMER_READ", "30" }, doc.Tripletex.Single().Entitlements);

        var again = PolicyDocumentReader.Read(PolicyDocumentWriter.Write(doc, "header\nline two"));
        Assert.Equal(PolicyDocumentWriter.Write(doc), PolicyDocumentWriter.Write(again));
        Assert.Equal("Ola Hansen", again.Tripletex.Single().Label);
    }

    [Theory]
    [InlineData("schemaVersion: 2\n", 1, "schemaVersion 2 is not supported")]
    [InlineData("schemaVersion: 1\npolicys: []\n", 2, "unknown key 'policys'")]
    [InlineData("schemaVersion: 1\npolicies:\n  - name: tbl_x\n    grants: { a: R }\n", 3, "has no target table")]
    [InlineData("schemaVersion: 1\npolicies:\n  - name: tbl_x\n    target: x\n    grant: { a: R }\n", 5, "unknown policy key 'grant'")]
    [InlineData("schemaVersion: 1\ngroups: { a: b }\n", 2, "'groups' must be a list")]
    [InlineData("schemaVersion: 1\ntripletex:\n  - employeeId: ola\n", 3, "is not a Tripletex employee id")]
    [InlineData("schemaVersion: [1\n", 2, "not valid YAML")] // the parser notices at the end of the input
    public void A_malformed_document_is_refused_with_its_line(string text, int line, string message)
    {
        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocumentReader.Read(text, "p.yml"));
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message);
        Assert.StartsWith("p.yml line " + line, ex.Message);
    }

    [Fact]
    public void Values_that_yaml_would_change_are_quoted()
    {
        foreach (var value in new[] { "yes", "a: b", "#x", "\"q\"", "-lead", "x\ty" })
        {
            var doc = new PolicyDocument { SchemaVersion = 1, Application = value };
            Assert.Equal(value, PolicyDocumentReader.Read(PolicyDocumentWriter.Write(doc)).Application);
        }
    }
}
