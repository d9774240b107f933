namespace Accounting.Integrations.Sandbox.Lime;

/// <summary>A Lime user as GET admin/users/ lists it, with the groups it belongs to and its API key (API-type users only).</summary>
public sealed record LimeUser(int Id, string Username, bool Active, string LoginType, string UserType, string[] Groups, string? ApiKey, bool IsAdmin);

/// <summary>
/// LISA's policy grid for one application: per policy target (a table, or a table's field) the rights
/// R, W, A, D each group holds. A user's rights are the union over its groups (lime.md §2). The seeded
/// grid is the Billecta guide's two group matrices plus its real-estate example, transcribed here on the
/// sandbox's own from seed 000 (the rendered guide loses which columns the ticks stand in; the reading
/// used is that ticks fill R, W, A from the left, which is what "as little access as possible" and the
/// webhook's work of reading, updating and adding records need: an ASSUMPTION).
/// </summary>
public sealed class LimePolicyGrid
{
    readonly object _gate = new();
    readonly Dictionary<string, Dictionary<string, string>> _grants = new(StringComparer.OrdinalIgnoreCase);

    public const string WebhookGroup = "Billecta webhook";
    public const string TaskGroup = "Billecta task";

    public static LimePolicyGrid Seeded()
    {
        var grid = new LimePolicyGrid();
        foreach (var (table, rights) in new[]
                 {
                     ("integration_monitor", "RWA"), ("integration_monitor_batch", "RWA"), ("integration_monitor_log", "RWA"),
                     ("creditordebtor", "RW"), ("order", "RW"), ("invoice", "RWA"), ("coworker", "RW"), ("invoicerow", "RWA"),
                     ("creditorarticle", "RW"), ("article", "RW"), ("payment", "RWA"), ("creditor", "RW"),
                     ("contact", "RW"), ("lease", "RW"), ("orderrow", "RW"),
                 })
            grid.Set(table, WebhookGroup, rights);
        foreach (var (table, rights) in new[] { ("integration_monitor", "RWA"), ("integration_monitor_batch", "RWA"), ("integration_monitor_log", "RWA"), ("creditor", "RW") })
            grid.Set(table, TaskGroup, rights);
        return grid;
    }

    /// <summary>Tables the application has (the policy grid's tables plus the integration monitor's).</summary>
    public IReadOnlyList<string> Tables
    {
        get { lock (_gate) return _grants.Keys.Where(k => !k.Contains('.')).ToList(); }
    }

    /// <summary>Sets a group's rights on a table ("invoice") or a field ("invoice.total"); "" removes them.</summary>
    public void Set(string target, string group, string rights)
    {
        lock (_gate)
        {
            if (!_grants.TryGetValue(target, out var byGroup)) _grants[target] = byGroup = new(StringComparer.OrdinalIgnoreCase);
            byGroup[group] = new string("RWAD".Where(c => rights.ToUpperInvariant().Contains(c)).ToArray());
        }
    }

    public string RightsOf(string target, string group)
    {
        lock (_gate) return _grants.TryGetValue(target, out var byGroup) && byGroup.TryGetValue(group, out var r) ? r : "";
    }

    public bool Allows(LimeUser user, string target, char right)
    {
        if (user.IsAdmin) return true;
        lock (_gate)
        {
            // A field without its own policy follows its table.
            if (!_grants.TryGetValue(target, out var byGroup)) return target.Contains('.') && Allows(user, target[..target.IndexOf('.')], right);
            return user.Groups.Any(g => byGroup.TryGetValue(g, out var r) && r.Contains(right));
        }
    }
}
