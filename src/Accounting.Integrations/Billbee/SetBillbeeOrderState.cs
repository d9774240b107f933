using System.Management.Automation;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Set-BillbeeOrderState: moves orders to another state; Billbee may pass the change on to the shop.</summary>
    [Cmdlet(VerbsCommon.Set, "BillbeeOrderState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(BillbeeOrder))]
    public sealed class SetBillbeeOrderState : IntegrationCmdlet
    {
        const string IdSet = "Id";
        const string OrderSet = "Order";

        /// <summary>Typed or piped as a number. Not bound by property name: a shop's or customer's Id is not an order id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdSet)]
        public long Id { get; set; }

        /// <summary>What Get-BillbeeOrder output binds by (only orders carry a BillbeeOrderId).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = OrderSet)]
        public long BillbeeOrderId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OrderSet)]
        [ArgumentCompleter(typeof(BillbeeOrderStateCompleter))]
        [ValidateNotNullOrEmpty]
        public string State { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public BillbeeConnection Connection { get; set; }

        BillbeeOrderState _state;
        BillbeeConnection _connection;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Checked once, before any order is touched.
            _state = BillbeeOrderStates.Find(State);
            if (_state == null)
                ThrowParameterError("State", $"'{State}' is not a Billbee order state. Use a name or id that Get-BillbeeOrderState lists, e.g. Shipped or 4.", State);
            _connection = ResolveConnection(Connection, "Connect-Billbee");
        }

        protected override void ProcessRecord()
        {
            var id = ParameterSetName == OrderSet ? BillbeeOrderId : Id;
            if (!ShouldProcess($"Billbee order {id}", $"Set state to {_state.EnglishName} ({_state.Id}); Billbee may pass it on to the shop")) return;
            Run(async (writer, ct) =>
            {
                await _connection.Client.SetOrderStateAsync(id, _state.Id, ct).ConfigureAwait(false);
                if (PassThru) writer.WriteObject(await _connection.Client.GetOrderAsync(id, ct).ConfigureAwait(false));
            }, id);
        }
    }
}
