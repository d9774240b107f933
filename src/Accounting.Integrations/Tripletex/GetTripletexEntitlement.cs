using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexEntitlement: the privileges of the token's employee (or another employee).</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexEntitlement", SupportsPaging = true)]
    [OutputType(typeof(TripletexEntitlement))]
    public sealed class GetTripletexEntitlement : IntegrationCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int EmployeeId { get; set; }

        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            int? employee = MyInvocation.BoundParameters.ContainsKey(nameof(EmployeeId)) ? EmployeeId : (int?)null;
            Run(async (writer, ct) =>
            {
                foreach (var e in await connection.Client.GetEntitlementsAsync(employee, ct).ConfigureAwait(false)) if (!Window.Write(writer, e)) break;
            }, employee);
        }
    }
}
