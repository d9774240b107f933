using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Get-TripletexCustomer: customers streamed a thousand at a time; inactive ones too with -IncludeInactive.</summary>
    [Cmdlet(VerbsCommon.Get, "TripletexCustomer", SupportsPaging = true, DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TripletexCustomer))]
    public sealed class GetTripletexCustomer : IntegrationCmdlet
    {
        const string ListSet = "List";
        const string IdSet = "CustomerId";

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeInactive { get; set; }

        /// <summary>
        /// Customers by id (GET customer/{id}), active or not. Binds by property name from Get-TripletexInvoice (CustomerId);
        /// deliberately no alias Id, so that an invoice's own Id never binds as a customer.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [AllowNull] // an invoice without a customer binds nothing rather than failing the pipeline
        public int[] CustomerId { get; set; }

        [Parameter]
        public TripletexConnection Connection { get; set; }

        readonly System.Collections.Generic.HashSet<int> _read = new System.Collections.Generic.HashSet<int>();

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            if (ParameterSetName == IdSet)
            {
                // An invoice stream names the same customer many times: each is read once per command.
                foreach (var id in CustomerId ?? new int[0])
                    if (_read.Add(id)) Run(async (writer, ct) => writer.WriteObject(await connection.Client.GetCustomerAsync(id, ct).ConfigureAwait(false)), id);
                return;
            }
            var includeInactive = IncludeInactive.IsPresent;
            Run(async (writer, ct) =>
            {
                // Tripletex lists active or inactive customers, never both at once: read one list, then the other.
                foreach (var inactive in includeInactive ? new[] { false, true } : new[] { false })
                    await foreach (var customer in connection.Client.GetCustomersAsync(inactive, ct).ConfigureAwait(false))
                    {
                        if (!Window.Write(writer, customer)) return;
                    }
            }, connection);
        }
    }
}
