using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Tests.Policies;

public class PolicyComparerTests
{
    const string Desired = """
        schemaVersion: 1
        groups:
          - { name: webhook, members: [{ name: hook@api, type: API }] }
          - { name: task, members: [task@lime.tech] }
        policies:
          - { name: tbl_invoice, target: invoice, grants: { webhook: RWA, task: R } }
          - { name: tbl_payment, target: payment, grants: { webhook: RW } }
          - { name: fld_invoice_total, target: invoice.total, grants: { webhook: R } }
        tripletex:
          - { employeeId: 7, template: AUDITOR, entitlements: [AUTH_CUSTOMER_READ, 30] }
        """;

    static PolicyDocument Doc(string yaml) => PolicyDocumentReader.Read(yaml);

    [Fact]
    public void A_declared_grid_with_one_right_removed_and_one_added_gives_exactly_those_two_findings()
    {
        var declared = Doc("""
            schemaVersion: 1
            policies:
              - { name: tbl_invoice, target: invoice, grants: { webhook: RA, task: R } }
              - { name: tbl_payment, target: payment, grants: { webhook: RWD } }
              - { name: fld_invoice_total, target: invoice.total, grants: { webhook: R } }
            """);
        var results = PolicyComparer.Compare(Doc(Desired), new PolicyObservation { Declared = declared }).Where(r => r.Service == "Lime" && r.Policy != "(users)").ToList();
        // 2 tables x 2 groups x RWAD + 1 field x 2 groups x RW.
        Assert.Equal(20, results.Count);
        var findings = results.Where(r => r.IsFinding).Select(r => (r.Policy, r.Group, r.Right, r.Status)).ToList();
        Assert.Equal(new[] { ("tbl_invoice", "webhook", "W", PolicyStatus.Missing), ("tbl_payment", "webhook", "D", PolicyStatus.Excess) }, findings);
        // Changed (issue 14): what only the declared file says is Declared, not Match; nobody observed it.
        Assert.All(results.Where(r => !r.IsFinding), r => Assert.Equal(PolicyStatus.Declared, r.Status));
        Assert.Contains("untick D", results.Single(r => r.Status == PolicyStatus.Excess).Fix);
    }

    [Fact]
    public void A_declared_file_that_copies_the_desired_document_matches_nothing_and_the_checklist_never_says_Matches_for_it()
    {
        var desired = Doc(Desired);
        var copy = Doc(Desired);
        Assert.True(copy.HasSameCellsAs(desired));
        var observed = new PolicyObservation { Declared = copy, Users = new[] { new LimeUser { Username = "hook@api", Active = true, UserType = "API" }, new LimeUser { Username = "task@lime.tech", Active = true, UserType = "INTEGRATION" } } };
        var results = PolicyComparer.Compare(desired, observed).Where(r => r.Service == "Lime").ToList();
        Assert.DoesNotContain(results, r => r.Status == PolicyStatus.Match);
        Assert.All(results, r => Assert.Equal(PolicyStatus.Declared, r.Status));
        var checklist = PolicyReport.ChecklistMarkdown(desired, results);
        Assert.DoesNotContain("Matches", checklist);
        Assert.Contains("Declared, not observed", checklist);
        Assert.False(Doc(Desired.Replace("webhook: RWA, task: R", "webhook: RW, task: R")).HasSameCellsAs(desired));
    }

    [Fact]
    public void Group_membership_is_never_Match_since_no_API_shows_it_only_Unverified_or_Declared()
    {
        var users = new[] { new LimeUser { Username = "hook@api", Active = true, UserType = "API" }, new LimeUser { Username = "task@lime.tech", Active = true, UserType = "INTEGRATION" } };
        var withoutFile = PolicyComparer.Compare(Doc(Desired), new PolicyObservation { Users = users }).Where(r => r.Policy == "(users)").ToList();
        Assert.Equal(2, withoutFile.Count);
        Assert.All(withoutFile, r => Assert.Equal(PolicyStatus.Unverified, r.Status));
        Assert.Contains("exists and is active", withoutFile[0].Detail);
        Assert.Contains("no API shows its groups", withoutFile[0].Detail);

        var declared = Doc("""
            schemaVersion: 1
            attestedBy: Kari Nordmann
            attestedOn: 2026-11-30
            groups:
              - { name: webhook, members: [hook@api] }
              - { name: task, members: [] }
            """);
        Assert.Equal("Kari Nordmann", declared.AttestedBy);
        Assert.Equal(new DateTime(2026, 11, 30), declared.AttestedOn);
        var withFile = PolicyComparer.Compare(Doc(Desired), new PolicyObservation { Users = users, Declared = declared }).Where(r => r.Policy == "(users)").ToDictionary(r => r.Target);
        Assert.Equal(PolicyStatus.Declared, withFile["hook@api"].Status);
        Assert.Equal(PolicyStatus.Missing, withFile["task@lime.tech"].Status);
    }

    [Fact]
    public void Probes_speak_for_R_of_the_probe_users_only_group_and_the_rest_is_unverified_not_assumed()
    {
        var observed = new PolicyObservation { ProbeUser = "hook@api" };
        observed.Readable["invoice"] = true;
        observed.Readable["payment"] = false;
        observed.Readable["invoice.total"] = true;
        var results = PolicyComparer.Compare(Doc(Desired), observed).Where(r => r.Service == "Lime" && r.Policy != "(users)").ToList();
        var verified = results.Where(r => r.Status != PolicyStatus.Unverified).Select(r => (r.Policy, r.Group, r.Right, r.Status)).ToList();
        Assert.Equal(new[]
        {
            ("tbl_invoice", "webhook", "R", PolicyStatus.Match),
            ("tbl_payment", "webhook", "R", PolicyStatus.Missing),
            ("fld_invoice_total", "webhook", "R", PolicyStatus.Match),
        }, verified);
        Assert.All(results.Where(r => r.Status == PolicyStatus.Unverified), r => Assert.Equal(PolicyRightState.Unknown, r.Actual));
    }

    [Fact]
    public void Users_and_tripletex_entitlements_are_compared_by_name_or_id_and_extras_are_excess()
    {
        var observed = new PolicyObservation
        {
            Users = new[] { new LimeUser { Username = "hook@api", Active = true, UserType = "STANDARD" } },
        };
        observed.Entitlements[7] = new[]
        {
            new TripletexEntitlement { EntitlementId = 11, Name = "AUTH_CUSTOMER_READ" },
            new TripletexEntitlement { EntitlementId = 40, Name = "AUTH_EMPLOYEE_ADMIN" },
        };
        var results = PolicyComparer.Compare(Doc(Desired), observed);
        var users = results.Where(r => r.Policy == "(users)").ToDictionary(r => r.Target, r => (r.Status, r.Detail));
        Assert.Equal(PolicyStatus.Missing, users["hook@api"].Status);
        Assert.Contains("is of type STANDARD, not API", users["hook@api"].Detail);
        Assert.Equal(PolicyStatus.Missing, users["task@lime.tech"].Status);
        Assert.Contains("does not exist", users["task@lime.tech"].Detail);
        var tripletex = results.Where(r => r.Service == "Tripletex").Select(r => (r.Right, r.Status)).ToList();
        Assert.Equal(new[] { ("AUTH_CUSTOMER_READ", PolicyStatus.Match), ("30", PolicyStatus.Missing), ("AUTH_EMPLOYEE_ADMIN", PolicyStatus.Excess) }, tripletex);
    }
}
