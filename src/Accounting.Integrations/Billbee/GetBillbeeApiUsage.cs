using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Get-BillbeeApiUsage: the API calls Billbee counted this month (GET /apiusage), next to the 100 000 included; calls past them are billed.</summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeApiUsage")]
    [OutputType(typeof(BillbeeApiUsage))]
    public sealed class GetBillbeeApiUsage : IntegrationCmdlet
    {
        [Parameter]
        public BillbeeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            Run(async (writer, ct) =>
            {
                var usage = await connection.Client.GetApiUsageAsync(ct).ConfigureAwait(false);
                if (usage.BilledCalls > 0) writer.WriteWarning($"{usage.BilledCalls} calls this month are past the {usage.IncludedPerMonth} Billbee includes; they are billed.");
                writer.WriteObject(usage);
            }, connection);
        }
    }
}
