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
}
