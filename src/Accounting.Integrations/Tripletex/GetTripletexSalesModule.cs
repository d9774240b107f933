using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexSalesModule: the company's active sales modules ([BETA] GET /company/salesmodules), e.g. SMART, API_V2.</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexSalesModule")]
    [OutputType(typeof(TripletexSalesModule))]
    public sealed class GetTripletexSalesModule : IntegrationCmdlet
    {
        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            Run(async (writer, ct) =>
            {
                foreach (var m in await connection.Client.GetSalesModulesAsync(ct).ConfigureAwait(false)) writer.WriteObject(m);
            }, connection);
        }
    }
}
