namespace Accounting.Integrations.Sandbox.Billbee;

/// <summary>Billbee emulation knobs. Defaults follow billbee.md; each unknown behaviour is marked ASSUMPTION.</summary>
public sealed class BillbeeSandboxOptions
{
    public int OrderCount { get; set; } = 12_000;
    public int ShopCount { get; set; } = 5;
    /// <summary>ASSUMPTION (billbee.md §3: promised by the docs, missing live per php-sdk #82): no Retry-After unless set.</summary>
    public int? RetryAfterSeconds { get; set; }
    /// <summary>Send Retry-After on 429s with the seconds until a slot frees (the documented behaviour).</summary>
    public bool RetryAfterFromWindow { get; set; }
    /// <summary>ASSUMPTION (billbee.md §2, §11.1): a missing, unknown or revoked developer key is refused with this status.</summary>
    public int KeyFailureStatus { get; set; } = 403;
    /// <summary>ASSUMPTION (billbee.md §6): the API lists states 1–16; set to also list 17 (Retoure).</summary>
    public bool ListRetoureState { get; set; }
    /// <summary>How GET /orders orders its answer; billbee.md §5 leaves the sort order undocumented.</summary>
    public BillbeeOrderPaging OrderPaging { get; set; } = BillbeeOrderPaging.Ascending;
}

/// <summary>Ways a real Billbee could page orders; only the first is what the sandbox assumes by default.</summary>
public enum BillbeeOrderPaging
{
    /// <summary>ASSUMPTION (billbee.md §5): ascending BillBeeOrderId within and across pages.</summary>
    Ascending,
    /// <summary>Each page holds the right orders, highest id first.</summary>
    DescendingWithinPage,
    /// <summary>minimumBillBeeOrderId is ignored: page 1 comes back whatever the cursor (a cursor that does not move).</summary>
    IgnoreMinimumId,
}
