using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexCustomer: customers streamed a thousand at a time; inactive ones too with -IncludeInactive.</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexCustomer")]
    [OutputType(typeof(TripletexCustomer))]
    public sealed class GetTripletexCustomer : IntegrationCmdlet
    {
        [Parameter]
        public SwitchParameter IncludeInactive { get; set; }

        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            var includeInactive = IncludeInactive.IsPresent;
            Run(async (writer, ct) =>
            {
                // Tripletex lists active or inactive customers, never both at once: read one list, then the other.
                foreach (var inactive in includeInactive ? new[] { false, true } : new[] { false })
                    await foreach (var customer in connection.Client.GetCustomersAsync(inactive, ct).ConfigureAwait(false))
                        writer.WriteObject(customer);
            }, connection);
        }
    }
}
