using System.Management.Automation;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Get-IFirmaApiLimit: the monthly API limit, calls used and left, and the assumed reset date.</summary>
    [Cmdlet(VerbsCommon.Get, "IFirmaApiLimit")]
    [OutputType(typeof(IFirmaApiLimit))]
    public sealed class GetIFirmaApiLimit : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public IFirmaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-IFirma");
            Run(async (writer, ct) =>
            {
                var limit = await connection.Client.GetApiLimitAsync(ct).ConfigureAwait(false);
                // Near exhaustion: under a tenth of the limit, or under a minute of bulk work at 100 calls a minute.
                if (limit.Granted > 0 && (limit.Remaining * 10 < limit.Granted || limit.Remaining < 100))
                    writer.WriteWarning($"Only {limit.Remaining} of {limit.Granted} iFirma API calls are left this month; Request-IFirmaApiLimit gives the values for a higher limit.");
                writer.WriteObject(limit);
            }, connection);
        }
    }
}
