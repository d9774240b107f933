using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Accounting.Integrations.Module.Tests.Hosting;
using Accounting.Integrations.Sandbox.Lime;
using Accounting.Integrations.Sandbox.Tripletex;

namespace Accounting.Integrations.Module.Tests.Policies;

[Collection("Module")]
public class IntegrationPolicyTests(ModuleSession session)
{
    static string SeedText => File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "..", "shared", "seeds", "000_d7acb346a5310452.txt"));
    static string Baseline(string name) => Path.Combine(ModuleSession.RepoRoot, "module", "policies", name + ".yml");

    /// <summary>
    /// The seed's rows "tbl_x ✅ ✅ x" between two markers. The rendered guide keeps the ticks but not their
    /// columns; the baselines read them as filling R, W, A from the left, and so does this parse.
    /// </summary>
    static List<(string Policy, string Table, string Rights)> SeedRows(string from, string to)
    {
        var text = SeedText;
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"the seed still has the section '{from}'");
        return Regex.Matches(text[start..end], @"(tbl_\w+)((?:\s*✅)+)\s+(\w+)")
            .Select(m => (m.Groups[1].Value, m.Groups[3].Value, "RWAD"[..Regex.Matches(m.Groups[2].Value, "✅").Count])).ToList();
    }

    /// <summary>The baseline's rows for a group, as the module parses them (Export-IntegrationPolicy).</summary>
    List<(string Policy, string Table, string Rights)> BaselineRows(string name, string group)
    {
        var result = session.Run("Export-IntegrationPolicy $args[0] | Where-Object Group -eq $args[1]", Baseline(name), group);
        result.ShouldSucceed();
        return result.Output.Select(o => ((string)Prop(o, "Policy"), (string)Prop(o, "Table"),
                new string("RWAD".Where(r => (bool)Prop(o, r.ToString())).ToArray())))
            .Where(r => r.Item3.Length > 0).ToList();
    }


    /// <summary>A comparison row as (Service, Policy, Group, Right, Status).</summary>
    static (string, string, string, string, string) Row(PSObject o) =>
        ((string)Prop(o, "Service"), (string)Prop(o, "Policy"), (string)Prop(o, "Group"), (string)Prop(o, "Right"), Prop(o, "Status").ToString()!);

    [Fact]
    public void The_shipped_baselines_equal_the_seed_tables_cell_for_cell()
    {
        var webhook = SeedRows("Policies for the Group Billecta webhook", "Add more policies");
        var realEstate = SeedRows("Real estate.", "Policies for the Group Billecta task");
        var task = SeedRows("Policies for the Group Billecta task", "Application configuration settings");
        Assert.Equal(12, webhook.Count);
        Assert.Equal(3, realEstate.Count);
        Assert.Equal(4, task.Count);

        Assert.Equal(webhook, BaselineRows("billecta", "Billecta webhook"));
        Assert.Equal(task, BaselineRows("billecta", "Billecta task"));
        Assert.Equal(realEstate, BaselineRows("billecta-realestate", "Billecta webhook"));
        Assert.Empty(BaselineRows("billecta-realestate", "Billecta task"));
    }

    [Fact]
    public void A_new_document_from_both_baselines_lints_clean_and_exports_the_matrix()
    {
        var folder = Directory.CreateTempSubdirectory("ai-policy-").FullName;
        try
        {
            var path = Path.Combine(folder, "policy.yml");
            var result = session.Run("""
                $file = New-IntegrationPolicy -Baseline billecta, billecta-realestate -Application fjordvik -Path $args[0]
                'lint:' + @(Test-IntegrationPolicy $file.FullName).Count
                Export-IntegrationPolicy $args[0] | Where-Object { $_.Group -eq 'Billecta task' -and ($_.R -or $_.W -or $_.A -or $_.D) } | ForEach-Object { $_.Policy }
                Export-IntegrationPolicy $args[0] -Format Markdown
                New-IntegrationPolicy -Path $args[0]
                """, path);
            Assert.Equal("lint:0", result.Output[0].ToString());
            Assert.Equal(new[] { "tbl_integration_monitor", "tbl_integration_monitor_batch", "tbl_integration_monitor_log", "tbl_creditor" }, result.Output.Skip(1).Take(4).Select(o => o.ToString()));
            Assert.Contains("| tbl_invoice | ✅ | ✅ | ✅ |  | invoice |", result.Output[5].ToString());
            // The second New- refuses to overwrite, naming -Path and -Force.
            var error = Assert.Single(result.Errors);
            Assert.Equal("Module.InvalidParameter,Accounting.Integrations.Policies.NewIntegrationPolicy", error.FullyQualifiedErrorId);
            Assert.Contains("-Force", error.Exception.Message);

            // Break it: drop a table the baseline covers and give W without R.
            File.WriteAllText(path, File.ReadAllText(path).Replace("  - name: tbl_payment\n    target: { table: payment }\n    grants: { \"Billecta webhook\": RWA }\n", "")
                .Replace("\"Billecta task\": RW,", "\"Billecta task\": W,"));
            var lint = session.Run("Test-IntegrationPolicy $args[0] | ForEach-Object { $_.Rule + ' ' + $_.Policy }", path);
            lint.ShouldSucceed();
            Assert.Equal(new[] { "PL005 tbl_creditor", "PL008 tbl_payment" }, lint.Output.Select(o => o.ToString()).Order());

            var broken = session.Run("Test-IntegrationPolicy $args[0]", Path.Combine(folder, "missing.yml"));
            Assert.Contains("does not exist", Assert.Single(broken.Errors).Exception.Message);
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Compare_finds_exactly_the_removed_and_the_extra_right_and_Set_applies_the_tripletex_part_only_without_WhatIf()
    {
        var lime = session.Sandbox.Lime;
        var tripletex = session.Sandbox.Tripletex;
        var ola = tripletex.Data.Limited;
        var olaBefore = ola.EntitlementIds;
        var folder = Directory.CreateTempSubdirectory("ai-policy-").FullName;
        try
        {
            lime.RequestsPerFiveMinutes = 60000;
            // The customer's state: the seed's grid, but without R on payment for the webhook group; Ola holds
            // the AUDITOR template's entitlements plus an extra one.
            lime.Policies.Set("payment", LimePolicyGrid.WebhookGroup, "WA");
            ola.EntitlementIds = TripletexData.Templates["AUDITOR"].Append(40).ToArray();
            var path = Path.Combine(folder, "policy.yml");
            var checklist = Path.Combine(folder, "lisa.md");
            session.SetVariable("WebhookKey", new System.Net.NetworkCredential("", lime.WebhookApiKey).SecurePassword);
            const string Setup = """
                $probe = Connect-Lime -BaseUrl $LimeUrl -ApiKey $WebhookKey -RequestsPerFiveMinutes 60000 -PassThru
                $admin = Connect-Lime -BaseUrl $LimeUrl -ApiKey $LimeKey -RequestsPerFiveMinutes 60000 -PassThru
                $tx = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee -PassThru
                $sources = @{ ProbeConnection = $probe; ProbeUser = 'billectawebhook@api'; LimeConnection = $admin; TripletexConnection = $tx }
                """ + "\n";
            session.Run(Setup + "New-IntegrationPolicy -Path $args[0] -TripletexEmployeeId $args[1] -TripletexEmployee 'Ola Hansen' -TripletexTemplate AUDITOR -TripletexEntitlement AUTH_CUSTOMER_READ, AUTH_INVOICE_READ, 30",
                path, ola.Id).ShouldSucceed();

            var compare = session.Run(Setup + "Compare-IntegrationPolicy $args[0] @sources", path);
            var rows = compare.Output.Select(Row).ToList();
            var findings = rows.Where(r => r.Item5 is "Missing" or "Excess").ToList();
            Assert.Equal(new[]
            {
                ("Lime", "tbl_payment", "Billecta webhook", "R", "Missing"),
                ("Tripletex", "employee " + ola.Id, "Ola Hansen", "AUTH_EMPLOYEE_ADMIN", "Excess"),
            }, findings);
            // One error per finding, with the stable ids.
            Assert.Equal(new[] { "Policy.Missing", "Policy.Excess" }, compare.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            // Everything the sources can see matches; the rest (W/A/D, the task group, which has no key) is Unverified, not guessed.
            Assert.All(rows.Except(findings).Where(r => r.Item5 != "Match"), r => Assert.True(r.Item5 == "Unverified" && (r.Item4 != "R" || r.Item3 == "Billecta task"), r.ToString()));
            // R of the webhook group on the 12 tables, 11 of them readable; both members in the user list; 3 Tripletex entitlements.
            Assert.Equal(11, compare.Output.Count(o => (string)Prop(o, "Source") == "Probe" && Prop(o, "Status").ToString() == "Match"));
            // Changed (issue 14): both members exist and are active in the user list, but no API shows group
            // membership, so their rows are Unverified (they were Match).
            Assert.Equal(2, rows.Count(r => r.Item2 == "(users)" && r.Item5 == "Unverified"));
            Assert.DoesNotContain(rows, r => r.Item2 == "(users)" && r.Item5 == "Match");
            Assert.Equal(3, rows.Count(r => r.Item1 == "Tripletex" && r.Item5 == "Match"));

            // -WhatIf: nothing granted, no checklist written.
            var whatIf = session.Run(Setup + "Set-IntegrationPolicy $args[0] @sources -ChecklistPath $args[1] -WhatIf", path, checklist);
            Assert.Contains("Grant entitlement template AUDITOR", whatIf.HostText);
            Assert.Contains(40, ola.EntitlementIds);
            Assert.False(File.Exists(checklist));

            var set = session.Run(Setup + "Set-IntegrationPolicy $args[0] @sources -ChecklistPath $args[1] -Confirm:$false", path, checklist);
            Assert.Equal(TripletexData.Templates["AUDITOR"].Order(), ola.EntitlementIds.Order());
            var after = set.Output.Select(Row).ToList();
            Assert.All(after.Where(r => r.Item1 == "Tripletex"), r => Assert.Equal("Match", r.Item5));
            Assert.Equal(3, after.Count(r => r.Item1 == "Tripletex"));
            // The Lime right is still missing: it was only put on the checklist, never called applied.
            Assert.Equal("Policy.Missing", Assert.Single(set.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("WA", lime.Policies.RightsOf("payment", LimePolicyGrid.WebhookGroup));
            var list = File.ReadAllText(checklist);
            Assert.Contains("Nothing here has been applied", list);
            Assert.Matches(@"tbl_payment → Group Access \| ""Billecta webhook"": exactly R, W, A\. \| CHANGE: tick R \|", list);

            var again = session.Run(Setup + "Compare-IntegrationPolicy $args[0] @sources", path);
            Assert.DoesNotContain(again.Output.Select(Row), r => r.Item1 == "Tripletex" && r.Item5 != "Match");
            Assert.Single(again.Errors);
        }
        finally
        {
            lime.Policies.Set("payment", LimePolicyGrid.WebhookGroup, "RWA");
            ola.EntitlementIds = olaBefore;
            Directory.Delete(folder, true);
        }
    }
    const string TripletexSetup = "$tx = Connect-Tripletex -Environment Test -BaseUrl $TripletexUrl -ConsumerToken $TripletexConsumer -EmployeeToken $TripletexEmployee -PassThru\n";

    /// <summary>A small valid document whose Tripletex part names the given employees with template AUDITOR.</summary>
    static string TripletexDocument(params (int Id, string Name)[] employees) =>
        "schemaVersion: 1\ngroups:\n  - name: \"Billecta webhook\"\n    members: [{ name: billectawebhook@api, type: API }]\n" +
        "policies:\n  - name: tbl_invoice\n    target: { table: invoice }\n    grants: { \"Billecta webhook\": RWA }\ntripletex:\n" +
        string.Concat(employees.Select(e => $"  - {{ employeeId: {e.Id}, employee: {e.Name}, template: AUDITOR, entitlements: [AUTH_CUSTOMER_READ, AUTH_INVOICE_READ, AUTH_ACCOUNTING_READ] }}\n"));

    static int EntitlementChanges(ModuleSession session) =>
        session.Sandbox.State.Log.Snapshot("tripletex").Count(r => r.Method == "PUT" && r.Path.Contains("entitlement"));

    [Fact]
    public void Set_refuses_a_grant_that_strips_the_callers_own_administrator_entitlements_and_changes_nothing()
    {
        session.ResetSandbox();
        var data = session.Sandbox.Tripletex.Data;
        var (kari, ola) = (data.Admin, data.Limited);
        var (kariBefore, olaBefore) = (kari.EntitlementIds, ola.EntitlementIds);
        var folder = Directory.CreateTempSubdirectory("ai-policy-lockout-").FullName;
        try
        {
            // The token owner's own employee (Kari, the administrator) with template AUDITOR, then Ola.
            var path = Path.Combine(folder, "admin.yml");
            File.WriteAllText(path, TripletexDocument((kari.Id, "Kari Nordmann"), (ola.Id, "Ola Hansen")));
            var refused = session.Run(TripletexSetup + "Set-IntegrationPolicy $args[0] -TripletexConnection $tx -Confirm:$false", path);
            var error = refused.SingleError();
            Assert.Equal("Policy.SelfLockout", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("ROLE_ADMINISTRATOR and AUTH_EMPLOYEE_ADMIN", error.Exception.Message);
            Assert.Contains("the employee whose token makes these calls", error.Exception.Message);
            Assert.Contains("employee " + ola.Id, error.Exception.Message);
            Assert.Contains("-AllowSelfLockout", error.ErrorDetails.RecommendedAction);
            // 0 calls that change entitlements (the sandbox's request log), and nobody's entitlements moved.
            Assert.Equal(0, EntitlementChanges(session));
            Assert.Equal(kariBefore, kari.EntitlementIds);
            Assert.Equal(olaBefore, ola.EntitlementIds);

            // With the override, -WhatIf shows every entitlement added and removed, and the caller's own grant comes last.
            var whatIf = session.Run(TripletexSetup + "Set-IntegrationPolicy $args[0] -TripletexConnection $tx -AllowSelfLockout -WhatIf", path);
            Assert.Equal(0, EntitlementChanges(session));
            var host = whatIf.HostText;
            Assert.Matches($@"Grant entitlement template AUDITOR: adds AUTH_CUSTOMER_READ, AUTH_INVOICE_READ; removes nothing [^""]*"" on target ""Tripletex employee {ola.Id} \(Ola Hansen\)", host);
            Assert.Matches($@"Grant entitlement template AUDITOR: adds nothing; removes [A-Z_, ]*ROLE_ADMINISTRATOR[A-Z_, ]*AUTH_EMPLOYEE_ADMIN [^""]*"" on target ""Tripletex employee {kari.Id} ", host);
            Assert.True(host.IndexOf($"target \"Tripletex employee {ola.Id}", StringComparison.Ordinal) < host.IndexOf($"target \"Tripletex employee {kari.Id}", StringComparison.Ordinal), host);
        }
        finally
        {
            kari.EntitlementIds = kariBefore;
            ola.EntitlementIds = olaBefore;
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Set_on_a_document_with_lint_errors_changes_nothing_writes_no_checklist_and_says_why()
    {
        session.ResetSandbox();
        var ola = session.Sandbox.Tripletex.Data.Limited;
        var olaBefore = ola.EntitlementIds;
        var folder = Directory.CreateTempSubdirectory("ai-policy-lint-").FullName;
        try
        {
            var path = Path.Combine(folder, "bad.yml");
            // PL002: X is not a Lime right (the grant used to be dropped silently and the rest applied).
            File.WriteAllText(path, TripletexDocument((ola.Id, "Ola Hansen")).Replace("RWA", "RWX"));
            var checklist = Path.Combine(folder, "lisa.md");
            var result = session.Run(TripletexSetup + "Set-IntegrationPolicy $args[0] -TripletexConnection $tx -ChecklistPath $args[1] -Confirm:$false", path, checklist);
            var error = result.SingleError();
            Assert.Equal("Policy.LintFailed", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("PL002", error.Exception.Message);
            Assert.Contains("nothing was changed and no checklist was written", error.Exception.Message);
            Assert.False(File.Exists(checklist));
            Assert.Empty(result.Output);
            Assert.Empty(session.Sandbox.State.Log.Snapshot("tripletex"));
            Assert.Equal(olaBefore, ola.EntitlementIds);
        }
        finally
        {
            ola.EntitlementIds = olaBefore;
            Directory.Delete(folder, true);
        }
    }
}
