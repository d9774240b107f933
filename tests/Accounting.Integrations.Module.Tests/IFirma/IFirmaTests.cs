using static Accounting.Integrations.Module.Tests.Hosting.PSObjects;
using System.Management.Automation;
using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.IFirma;

[Collection("Module")]
public class IFirmaTests(ModuleSession session)
{

    [Fact]
    public void A_refused_key_fails_alone_with_the_regenerate_advice()
    {
        var result = session.Run(ModuleSession.ConnectIFirma + "Test-IFirmaConnection");
        result.ShouldSucceed();
        Assert.All(result.Output, r => Assert.True((bool)Prop(r, "Success"), (string)Prop(r, "Check")));

        var original = session.Sandbox.IFirma.Keys["rachunek"];
        session.Sandbox.IFirma.RegenerateKey("rachunek");
        try
        {
            result = session.Run(ModuleSession.ConnectIFirma + "Test-IFirmaConnection");
            result.ShouldSucceed();
            Assert.Equal(new[] { "faktura:True", "rachunek:False", "abonent:True", "wydatek:True" }, result.Output.Select(r => $"{Prop(r, "Check")}:{Prop(r, "Success")}"));
            var failed = result.Output.Single(r => !(bool)Prop(r, "Success"));
            Assert.Equal("IFirma.ApiKey", Prop(failed, "ErrorId"));
            Assert.Contains("'rachunek' key", (string)Prop(failed, "Cause"));
            Assert.Contains("Rozszerzenia i integracje > API (przegeneruj)", (string)Prop(failed, "Fix"));
        }
        finally
        {
            session.Sandbox.IFirma.SetKey("rachunek", original);
        }
    }

    [Theory]
    [InlineData(201)]
    [InlineData(202)]
    public void Another_content_code_for_the_empty_document_still_counts_as_an_accepted_signature(int kod)
    {
        // The bill and expense keys are checked with an empty document; iFirma's code for it is not documented (200 or 201 both fit ifirma.md §4).
        session.Sandbox.IFirma.EmptyDocumentKod = kod;
        try
        {
            var result = session.Run(ModuleSession.ConnectIFirma + "Test-IFirmaConnection");
            result.ShouldSucceed();
            Assert.Equal(new[] { "faktura:True", "rachunek:True", "abonent:True", "wydatek:True" }, result.Output.Select(r => $"{Prop(r, "Check")}:{Prop(r, "Success")}"));
            Assert.Contains($"Kod {kod}", string.Join(" ", result.Output.Where(r => (string)Prop(r, "Check") == "rachunek").SelectMany(r => (IEnumerable<string>)Prop(r, "Notes"))));

            // A refused signature still fails, whatever the empty document would have got.
            var original = session.Sandbox.IFirma.Keys["wydatek"];
            session.Sandbox.IFirma.RegenerateKey("wydatek");
            try
            {
                result = session.Run(ModuleSession.ConnectIFirma + "Test-IFirmaConnection");
                Assert.Equal("wydatek:False", result.Output.Where(r => (string)Prop(r, "Check") == "wydatek").Select(r => $"{Prop(r, "Check")}:{Prop(r, "Success")}").Single());
            }
            finally { session.Sandbox.IFirma.SetKey("wydatek", original); }
        }
        finally
        {
            session.Sandbox.IFirma.EmptyDocumentKod = 200;
        }
    }

    [Fact]
    public void Near_the_limit_the_limit_is_reported_and_a_bulk_read_stops_before_iFirma_refuses()
    {
        var sandbox = session.Sandbox.IFirma;
        var (used, granted) = (sandbox.LimitUsed, sandbox.LimitGranted);
        sandbox.LimitGranted = sandbox.LimitUsed + 5;
        try
        {
            var limit = session.Run(ModuleSession.ConnectIFirma + "Get-IFirmaApiLimit");
            limit.ShouldSucceed();
            Assert.Equal(4, (int)Prop(Assert.Single(limit.Output), "Remaining"));
            Assert.Contains(limit.Warnings, w => w.Contains("Only 4 of"));

            var read = session.Run(ModuleSession.ConnectIFirma + "Get-IFirmaInvoice -From ([datetime]::Today.AddDays(-365))");
            var error = read.SingleError();
            Assert.StartsWith("IFirma.QuotaExhausted", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Contains("Limity API", error.ErrorDetails.RecommendedAction);
            Assert.Equal(300, read.Output.Count); // the limit read, then three of the seven pages: all the calls that were left
            Assert.Equal(0, sandbox.LimitRefusals);
            Assert.Equal(sandbox.LimitGranted, sandbox.LimitUsed);
        }
        finally
        {
            (sandbox.LimitUsed, sandbox.LimitGranted) = (used, granted);
        }
    }

    [Fact]
    public void A_limit_request_gives_the_web_form_steps_and_claims_nothing()
    {
        var result = session.Run(ModuleSession.ConnectIFirma + "Request-IFirmaApiLimit -Requested 5000");
        result.ShouldSucceed();
        var request = Assert.Single(result.Output);
        Assert.False((bool)Prop(request, "Submitted"));
        Assert.Contains(result.Warnings, w => w.Contains("nothing was submitted"));
        var steps = ((IEnumerable<string>)Prop(request, "Steps")).ToArray();
        Assert.Contains(steps, s => s.Contains("Limity API"));
        Assert.Contains(steps, s => s.Contains("Enter 5000"));
    }

    [Fact]
    public void A_limit_request_below_the_granted_limit_says_so_and_advises_nothing()
    {
        var granted = session.Sandbox.IFirma.LimitGranted;
        var result = session.Run(ModuleSession.ConnectIFirma + "Request-IFirmaApiLimit -Requested $args[0]", granted / 2);
        result.ShouldSucceed();
        var request = Assert.Single(result.Output);
        Assert.Empty((IEnumerable<string>)Prop(request, "Steps"));
        var advice = (string)Prop(request, "Advice");
        Assert.Contains($"below the {granted} already granted", advice);
        Assert.Contains("nothing to request", advice);
        Assert.DoesNotContain("headroom", advice);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("Follow the Steps"));
        Assert.False((bool)Prop(request, "Submitted"));
    }

    [Fact]
    public void Invoices_of_a_range_are_read_in_full()
    {
        var from = DateTime.Today.AddDays(-90);
        var expected = session.Sandbox.IFirma.Invoices.Where(i => i.IssueDate >= from).Select(i => i.Id).OrderBy(i => i);
        var result = session.Run(ModuleSession.ConnectIFirma + "Get-IFirmaInvoice -From ([datetime]::Today.AddDays(-90)) | ForEach-Object Id");
        result.ShouldSucceed();
        Assert.Equal(expected, result.Output.Select(o => (int)o.BaseObject).OrderBy(i => i));
    }

    [Fact]
    public void A_key_that_is_not_hex_is_refused_and_no_key_is_printed()
    {
        var result = session.Run("Connect-IFirma -BaseUrl $IFirmaUrl -Login $IFirmaLogin -InvoiceKey (Secure 'XYZ-not-hex')");
        var error = result.SingleError();
        Assert.StartsWith("Module.InvalidParameter", error.FullyQualifiedErrorId);
        Assert.Contains("hexadecimal", error.Exception.Message);
        var verbose = session.Run("$DebugPreference = 'Continue'\n" + ModuleSession.ConnectIFirma + "Test-IFirmaConnection -Verbose; Get-IFirmaApiLimit -Verbose");
        verbose.ShouldSucceed();
        var text = verbose.AllText();
        Assert.Contains("Authentication: IAPIS ***", text);
        Assert.All(session.Sandbox.IFirma.Keys.Values, k => Assert.DoesNotContain(k, text));
    }

    [Fact]
    public void The_accounting_month_is_read_with_the_abonent_key()
    {
        var result = session.Run(ModuleSession.ConnectIFirma + "Get-IFirmaAccountingMonth");
        result.ShouldSucceed();
        var month = Assert.Single(result.Output);
        Assert.Equal(session.Sandbox.IFirma.AccountingMonth, ((int)Prop(month, "Year"), (int)Prop(month, "Month")));
    }
}
