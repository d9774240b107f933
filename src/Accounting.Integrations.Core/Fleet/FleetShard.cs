using System;
using System.Globalization;
using System.Text;

namespace Accounting.Integrations.Core.Fleet
{
    /// <summary>
    /// Shard k of n: a share of the customers that n workers (hosts, scheduled tasks, a Kubernetes indexed Job, a CI
    /// matrix) take with no shared state. A profile belongs to the shard its name hashes to: FNV-1a (64-bit) of the
    /// name's UTF-8 in lower case, modulo n. Stable across processes, machines, runtimes and releases (never
    /// string.GetHashCode, which .NET randomises per process); disjoint and covering by construction.
    /// </summary>
    public sealed class FleetShard
    {
        const ulong OffsetBasis = 14695981039346656037UL;
        const ulong Prime = 1099511628211UL;

        public FleetShard(int index, int count)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "A fleet has at least one shard.");
            if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), $"Shard {index} of {count}: k runs from 1 to {count}.");
            Index = index;
            Count = count;
        }

        /// <summary>1-based: 1/4 … 4/4.</summary>
        public int Index { get; }
        public int Count { get; }

        /// <summary>"k/n", e.g. "2/4". Throws <see cref="FormatException"/> with the fix for anything else.</summary>
        public static FleetShard Parse(string text)
        {
            var parts = (text ?? "").Split('/');
            if (parts.Length == 2
                && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= 1 && n <= 10000 && k >= 1 && k <= n)
                return new FleetShard(k, n);
            throw new FormatException($"'{text}' is not a shard: give k/n with 1 <= k <= n <= 10000, e.g. 1/4 (the first of four workers).");
        }

        /// <summary>The 1-based shard a profile name belongs to among <paramref name="count"/>.</summary>
        public static int ShardOf(string profile, int count) => (int)(Fnv1a(profile.ToLowerInvariant()) % (ulong)count) + 1;

        public bool Includes(string profile) => ShardOf(profile ?? "", Count) == Index;

        public static ulong Fnv1a(string text)
        {
            var hash = OffsetBasis;
            foreach (var b in Encoding.UTF8.GetBytes(text ?? ""))
            {
                hash ^= b;
                hash *= Prime;
            }
            return hash;
        }

        public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
    }
}
