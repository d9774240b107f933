using System.Linq;
using System;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>A Billbee order state: numeric id with its API identifier and display names.</summary>
    public sealed class BillbeeOrderState
    {
        public BillbeeOrderState(int id, string name, string englishName, string germanName)
        {
            Id = id;
            Name = name;
            EnglishName = englishName;
            GermanName = germanName;
        }

        public int Id { get; }
        /// <summary>The identifier Billbee's API uses (e.g. Zahlung_erhalten).</summary>
        public string Name { get; }
        public string EnglishName { get; }
        public string GermanName { get; }
        /// <summary>True when the account's API lists this state.</summary>
        public bool ListedByApi { get; internal set; } = true;

        public override string ToString() => EnglishName;
    }

    /// <summary>A Billbee order, with the fields an integration checks most.</summary>
    public sealed class BillbeeOrder
    {
        public long BillbeeOrderId { get; set; }
        public string OrderNumber { get; set; }
        public string ExternalId { get; set; }
        public int State { get; set; }
        public string StateName { get; set; }
        public DateTime? CreatedAt { get; set; }
        public DateTime? PayedAt { get; set; }
        public DateTime? ShippedAt { get; set; }
        public DateTime? LastModifiedAt { get; set; }
        public decimal? TotalCost { get; set; }
        public decimal? ShippingCost { get; set; }
        public string Currency { get; set; }
        public long? ShopId { get; set; }
        public string ShopName { get; set; }
        public Output.TextList Tags { get; set; } = new Output.TextList(new string[0]);
        public string CustomerName { get; set; }
        public string InvoiceNumber { get; set; }
        public int ItemCount { get; set; }

        public override string ToString() => $"{BillbeeOrderId} {OrderNumber} ({StateName})";
    }

    /// <summary>A shop connection of the Billbee account.</summary>
    public sealed class BillbeeShop
    {
        public long Id { get; set; }
        public string Name { get; set; }
        public int AccountType { get; set; }
        public DateTime? LastSyncDate { get; set; }
        public int? LastSyncState { get; set; }

        public override string ToString() => $"{Id} {Name}";
    }

    /// <summary>Filters for an order read; null means "no filter".</summary>
    public sealed class BillbeeOrderQuery
    {
        public const int MaxPageSize = 250;

        public int[] StateIds { get; set; }
        public DateTime? MinOrderDate { get; set; }
        public DateTime? MaxOrderDate { get; set; }
        public DateTime? ModifiedAfter { get; set; }
        public DateTime? ModifiedUntil { get; set; }
        public long[] ShopIds { get; set; }
        public string[] Tags { get; set; }
        public bool ExcludeTags { get; set; }
        /// <summary>Only orders with an id at or above this (the checkpoint of an incremental read).</summary>
        public long? MinimumOrderId { get; set; }
        public int PageSize { get; set; } = MaxPageSize;

        /// <summary>The filters as text (not the page size or starting id): what a checkpoint must match to resume.</summary>
        public string Fingerprint()
        {
            string D(DateTime? d) => d?.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? "";
            return $"states={string.Join(",", (StateIds ?? new int[0]).OrderBy(x => x))};since={D(MinOrderDate)};until={D(MaxOrderDate)};" +
                $"modifiedSince={D(ModifiedAfter)};modifiedUntil={D(ModifiedUntil)};shops={string.Join(",", (ShopIds ?? new long[0]).OrderBy(x => x))};" +
                $"tags={string.Join(",", Tags ?? new string[0])};excludeTags={ExcludeTags}";
        }
    }
}
