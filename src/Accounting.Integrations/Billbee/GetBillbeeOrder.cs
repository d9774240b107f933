using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>
    /// Get-BillbeeOrder: orders streamed as pages arrive, filtered by state (names or ids), order and
    /// modification dates, shop and tag; or single orders by id or order number.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BillbeeOrder", DefaultParameterSetName = QuerySet, SupportsPaging = true)]
    [OutputType(typeof(BillbeeOrder))]
    public sealed class GetBillbeeOrder : IntegrationCmdlet
    {
        const string QuerySet = "Query";
        const string IdSet = "Id";
        const string NumberSet = "OrderNumber";
        const string OrderSet = "Order";

        [Parameter(ParameterSetName = QuerySet, Position = 0)]
        [ArgumentCompleter(typeof(BillbeeOrderStateCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] State { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public DateTime Since { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public DateTime Until { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public DateTime ModifiedSince { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public DateTime ModifiedUntil { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BillbeeShopCompleter))]
        public long[] ShopId { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        public string[] Tag { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public SwitchParameter ExcludeTag { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, BillbeeOrderQuery.MaxPageSize)]
        public int PageSize { get; set; } = BillbeeOrderQuery.MaxPageSize;

        /// <summary>
        /// Shops piped from Get-BillbeeShop bind here (BillbeeShopId, an alias property of BillbeeShop): each shop's orders.
        /// Orders carry a ShopId but no BillbeeShopId, so an order never binds as a shop filter.
        /// </summary>
        [Parameter(ParameterSetName = QuerySet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        public long[] BillbeeShopId { get; set; }

        /// <summary>Typed or piped as numbers. Not bound by property name: a shop's Id is not an order id (the trap of issue #19).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true)]
        public long[] Id { get; set; }

        /// <summary>What Get-BillbeeOrder and Set-BillbeeOrderState -PassThru output binds by: only orders carry a BillbeeOrderId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OrderSet, ValueFromPipelineByPropertyName = true)]
        public long[] BillbeeOrderId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NumberSet)]
        [ValidateNotNullOrEmpty]
        public string[] OrderNumber { get; set; }

        /// <summary>A named checkpoint: the read resumes after the last order an earlier run with this name delivered.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        public string Checkpoint { get; set; }

        [Parameter]
        public BillbeeConnection Connection { get; set; }

        BillbeeOrderQuery _query;
        CheckpointCursor _checkpoint;
        bool _pipelineCompleting, _upstreamStopped;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ParameterSetName != QuerySet) return;
            _query = new BillbeeOrderQuery { PageSize = PageSize, ExcludeTags = ExcludeTag, Tags = Tag, ShopIds = ShopId };
            if (State != null) _query.StateIds = State.Select(ResolveState).Distinct().ToArray();
            if (Bound(nameof(Since))) _query.MinOrderDate = Since;
            if (Bound(nameof(Until))) _query.MaxOrderDate = Until;
            if (Bound(nameof(ModifiedSince))) _query.ModifiedAfter = ModifiedSince;
            if (Bound(nameof(ModifiedUntil))) _query.ModifiedUntil = ModifiedUntil;
            if (Bound(nameof(Since)) && Bound(nameof(Until))) ThrowIfReversed(Since, Until, "Since", "Until");
            if (Bound(nameof(ModifiedSince)) && Bound(nameof(ModifiedUntil))) ThrowIfReversed(ModifiedSince, ModifiedUntil, "ModifiedSince", "ModifiedUntil");
            if (ExcludeTag && (Tag == null || Tag.Length == 0)) ThrowParameterError("ExcludeTag", "-ExcludeTag needs -Tag: name the tags to exclude.");
            if (Checkpoint != null)
            {
                if (PagingParameters.Skip > 0) ThrowParameterError("Skip", "-Skip cannot be combined with -Checkpoint: the checkpoint decides where the read starts.");
                _checkpoint = CheckpointCursor.Open(this, Checkpoint, "Get-BillbeeOrder", _query.Fingerprint());
                // Orders are read by ascending id (keyset paging), so "after the last one delivered" is exact.
                if (_checkpoint.Position != null) _query.MinimumOrderId = long.Parse(_checkpoint.Position, System.Globalization.CultureInfo.InvariantCulture) + 1;
            }
        }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Billbee");
            switch (ParameterSetName)
            {
                case IdSet:
                case OrderSet:
                    foreach (var id in ParameterSetName == IdSet ? Id : BillbeeOrderId)
                        Run(async (w, ct) => w.WriteObject(await connection.Client.GetOrderAsync(id, ct).ConfigureAwait(false)), id);
                    break;
                case NumberSet:
                    foreach (var number in OrderNumber)
                        Run(async (w, ct) => w.WriteObject(await connection.Client.FindOrderByNumberAsync(number, ct).ConfigureAwait(false)), number);
                    break;
                default:
                    if (BillbeeShopId != null && Checkpoint != null)
                        ThrowParameterError("Checkpoint", "-Checkpoint cannot be combined with shops from the pipeline; give the shops with -ShopId instead.");
                    StreamQuery(connection, BillbeeShopId == null ? _query : ForShops(_query, BillbeeShopId));
                    break;
            }
        }

        void StreamQuery(BillbeeConnection connection, BillbeeOrderQuery query)
        {
            var skip = PagingParameters.Skip;
            var first = PagingParameters.First;
            try { Stream(); }
            catch (PipelineStoppedException) when (!Stopping)
            {
                // Not Ctrl+C: a command downstream (Select-Object -First) has what it wants; the rest of the pipeline goes on to its end.
                _upstreamStopped = true;
                throw;
            }

            void Stream() => Run(async (writer, ct) =>
            {
                ulong seen = 0, written = 0;
                var includeTotal = PagingParameters.IncludeTotalCount.IsPresent;
                await foreach (var order in connection.Client.GetOrdersAsync(query, ct,
                    total => { if (includeTotal) writer.WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0)); }).ConfigureAwait(false))
                {
                    if (seen++ < skip) continue;
                    if (written >= first) break;
                    if (_checkpoint == null) writer.WriteObject(order);
                    else
                    {
                        var position = order.BillbeeOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        writer.WriteObject(order, () => _checkpoint.Advance(position));
                    }
                    if (++written >= first) break; // stops paging: no page is fetched that nobody asked for
                }
            }, query);
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            _pipelineCompleting = true;
        }

        /// <summary>
        /// The checkpoint commits here: PowerShell disposes a pipeline's commands after every command's end block,
        /// so what this read delivered has been consumed (written, sorted, exported) by then. Not after a stop.
        /// </summary>
        private protected override void Release()
        {
            if (_checkpoint == null) return;
            try { if ((_upstreamStopped || _pipelineCompleting) && !Stopping) _checkpoint.Commit(); }
            finally { _checkpoint.Dispose(); }
        }

        /// <summary>The query for the shops of one pipeline record (a copy: each record's shops replace the last's).</summary>
        static BillbeeOrderQuery ForShops(BillbeeOrderQuery q, long[] shops) => new BillbeeOrderQuery
        {
            StateIds = q.StateIds, MinOrderDate = q.MinOrderDate, MaxOrderDate = q.MaxOrderDate, ModifiedAfter = q.ModifiedAfter, ModifiedUntil = q.ModifiedUntil,
            ShopIds = shops, Tags = q.Tags, ExcludeTags = q.ExcludeTags, MinimumOrderId = q.MinimumOrderId, PageSize = q.PageSize,
        };

        bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        int ResolveState(string text)
        {
            var state = BillbeeOrderStates.Find(text);
            if (state == null)
                ThrowParameterError("State", $"'{text}' is not a Billbee order state. Use a name or id that Get-BillbeeOrderState lists, e.g. Paid or 3.", text);
            return state.Id;
        }
    }
}
