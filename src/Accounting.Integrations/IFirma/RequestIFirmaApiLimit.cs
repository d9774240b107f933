using System;
using System.Management.Automation;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>
    /// Request-IFirmaApiLimit: checks the limit and this month's use, projects the month's need, and gives the
    /// exact steps and value for iFirma's web form. iFirma has no API to raise a limit, so nothing is submitted.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Request, "IFirmaApiLimit")]
    [OutputType(typeof(IFirmaLimitRequest))]
    public sealed class RequestIFirmaApiLimit : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, 10000000)]
        public int Requested { get; set; }

        [Parameter(ValueFromPipeline = true)]
        public IFirmaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-IFirma");
            var requested = Requested;
            Run(async (writer, ct) =>
            {
                var limit = await connection.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                var today = DateTime.Today;
                var days = DateTime.DaysInMonth(today.Year, today.Month);
                var projected = (int)Math.Ceiling(limit.Used / (double)today.Day * days);
                var needed = projected > limit.Granted;
                // A request at or below what is granted would not raise anything (it could even lower the limit): say so and advise no step.
                if (requested <= limit.Granted)
                {
                    writer.WriteObject(new IFirmaLimitRequest
                    {
                        CurrentLimit = limit.Granted, UsedThisMonth = limit.Used, ProjectedThisMonth = projected, Requested = requested, Needed = needed, Submitted = false,
                        Steps = new string[0],
                        Advice = $"{requested} is {(requested == limit.Granted ? "the limit already granted" : "below the " + limit.Granted + " already granted")}: there is nothing to request." +
                            (needed ? $" At this month's pace the month needs about {projected}; to raise the limit, run Request-IFirmaApiLimit with more than {limit.Granted}." : ""),
                    });
                    return;
                }
                var request = new IFirmaLimitRequest
                {
                    CurrentLimit = limit.Granted, UsedThisMonth = limit.Used, ProjectedThisMonth = projected, Requested = requested, Needed = needed, Submitted = false,
                    Steps = new[]
                    {
                        "Log in to ifirma.pl.",
                        "Open Login > Konfiguracja.",
                        "In the menu on the left choose Rozszerzenia i integracje > API.",
                        "Open the section Limity API.",
                        $"Enter {requested} as the requested limit (wnioskowany limit) and press zatwierdź.",
                        "If the message says the limit needs an administrator's approval, the requested and granted values stay different until iFirma accepts; run Get-IFirmaApiLimit to see when the granted value changes.",
                    },
                    Advice = requested < projected
                        ? $"At this month's pace ({limit.Used} calls by day {today.Day}) the month needs about {projected}; {requested} may not be enough."
                        : needed ? $"At this month's pace the month needs about {projected}, more than the {limit.Granted} granted; ask now, approval can take time."
                                 : $"At this month's pace the month needs about {projected}, within the {limit.Granted} granted; {requested} adds headroom but is not needed yet.",
                };
                writer.WriteWarning("iFirma has no API to raise the limit: nothing was submitted. Follow the Steps in the web interface.");
                writer.WriteObject(request);
            }, connection);
        }
    }
}
