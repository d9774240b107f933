namespace Accounting.Integrations.Sandbox.Billbee;

/// <summary>A seeded Billbee shop connection.</summary>
public sealed record SandboxShop(long Id, string Name, int AccountType, DateTime LastSyncDate, int LastSyncState);

/// <summary>A seeded Billbee order; state, tags and modification time change through the API.</summary>
public sealed class SandboxOrder
{
    public long BillbeeOrderId { get; init; }
    public string ExternalId { get; init; } = "";
    public string OrderNumber { get; init; } = "";
    public int State { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? PayedAt { get; init; }
    public DateTime? ShippedAt { get; init; }
    public DateTime LastModifiedAt { get; set; }
    public decimal ItemTotal { get; init; }
    public decimal ShippingCost { get; init; }
    public string Currency { get; init; } = "EUR";
    public SandboxShop Shop { get; init; } = null!;
    public List<string> Tags { get; init; } = new();
    public string CustomerName { get; init; } = "";
    public string CustomerEmail { get; init; } = "";
    public long CustomerId { get; init; }
    public int? InvoiceNumber { get; init; }
    public int ItemCount { get; init; }
}

/// <summary>Deterministic data for a seed: shops and orders over the two years before "today".</summary>
public static class BillbeeData
{
    static readonly string[] ShopNames = { "Shopify DE", "Amazon DE", "eBay", "WooCommerce", "Manuell", "Kaufland", "Otto" };
    static readonly string[] TagPool = { "express", "gift", "b2b", "marketplace", "preorder" };
    static readonly string[] FirstNames = { "Anna", "Jonas", "Lena", "Paul", "Mia", "Felix", "Clara", "Lukas", "Ida", "Emil" };
    static readonly string[] LastNames = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker" };
    // Rough shares of states in a live shop: most orders end shipped or closed.
    static readonly (int State, int Weight)[] StateWeights =
    {
        (1, 8), (2, 4), (3, 12), (4, 30), (5, 2), (6, 1), (7, 20), (8, 4), (9, 6), (11, 1), (12, 1), (13, 4), (14, 1), (15, 2), (16, 3), (17, 1),
    };

    public static List<SandboxShop> Shops(int seed, int count, DateTime today)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Math.Clamp(count, 1, ShopNames.Length))
            .Select(i => new SandboxShop(100_000_000_000 + i * 7919 + random.Next(1000), ShopNames[i], 1 + random.Next(60),
                today.AddHours(-random.Next(1, 72)), i == 2 ? 2 : 1))
            .ToList();
    }

    public static List<SandboxOrder> Orders(int seed, int count, IReadOnlyList<SandboxShop> shops, DateTime today)
    {
        var random = new Random(seed * 31 + 7);
        var totalWeight = StateWeights.Sum(w => w.Weight);
        var orders = new List<SandboxOrder>(count);
        long id = 300_000_000_000_000;
        var span = TimeSpan.FromDays(730).TotalMinutes;
        var created = Enumerable.Range(0, count).Select(_ => today.AddMinutes(-random.NextDouble() * span)).OrderBy(d => d).ToList();
        for (var i = 0; i < count; i++)
        {
            id += 1 + random.Next(40); // ids ascend with gaps, as live ids do
            var pick = random.Next(totalWeight);
            var state = StateWeights.First(w => (pick -= w.Weight) < 0).State;
            var createdAt = created[i].AddTicks(-(created[i].Ticks % TimeSpan.TicksPerMillisecond));
            var paid = state is 3 or 4 or 7 or 9 or 13 or 16 ? createdAt.AddHours(random.Next(1, 48)) : (DateTime?)null;
            var shipped = state is 4 or 7 or 9 ? paid?.AddHours(random.Next(2, 96)) : null;
            var modified = new[] { createdAt, paid ?? createdAt, shipped ?? createdAt }.Max().AddMinutes(random.Next(0, 600));
            if (modified > today.AddDays(1)) modified = today;
            var items = 1 + random.Next(4);
            var itemTotal = Math.Round((decimal)(random.NextDouble() * 400 + 5), 2) * items;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var tags = TagPool.Where(_ => random.Next(6) == 0).ToList();
            orders.Add(new SandboxOrder
            {
                BillbeeOrderId = id,
                ExternalId = random.Next(3) == 0 ? "" : $"EXT-{random.Next(10_000_000, 99_999_999)}",
                OrderNumber = $"BB-{createdAt:yyyy}-{i + 1:D6}",
                State = state,
                CreatedAt = createdAt,
                PayedAt = paid,
                ShippedAt = shipped,
                LastModifiedAt = modified,
                ItemTotal = itemTotal,
                ShippingCost = random.Next(4) == 0 ? 0m : 4.90m,
                Currency = random.Next(10) == 0 ? "CHF" : "EUR",
                Shop = shops[random.Next(shops.Count)],
                Tags = tags,
                CustomerName = first + " " + last,
                CustomerEmail = $"{first}.{last}{random.Next(100)}@example.test".ToLowerInvariant(),
                CustomerId = 50_000_000 + random.Next(5_000),
                InvoiceNumber = paid.HasValue ? 10_000 + i : null,
                ItemCount = items,
            });
        }
        return orders;
    }
}
