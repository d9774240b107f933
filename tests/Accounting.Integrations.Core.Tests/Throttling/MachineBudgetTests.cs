using Accounting.Integrations.Core.Throttling;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Tests.Throttling;

/// <summary>
/// One account, one budget, on the whole machine: throttles of separate "processes" (separate RequestThrottle and
/// MachineBudget objects on one ledger file) share the account's rules. All on a fake clock, so each slot is exact.
/// </summary>
public class MachineBudgetTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-budget-").FullName;
    static readonly RateRule[] TwoPerSecond = { new("per-endpoint", 2, TimeSpan.FromSeconds(1), RateScope.Endpoint) };
    static readonly long Interval = RequestThrottle.Timing(TwoPerSecond[0], RequestThrottle.DefaultUtilisation).Interval.Ticks;
    static readonly long Window = RequestThrottle.Timing(TwoPerSecond[0], RequestThrottle.DefaultUtilisation).Window.Ticks;

    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    long _processes;

    /// <summary>A throttle as another process has it: its own objects and its own owner id on the same ledger file.</summary>
    RequestThrottle Process(TimeProvider clock, IEnumerable<RateRule>? rules = null, RequestThrottle? parent = null, string account = "billbee|https://app.billbee.test/api/v1|abc", long? owner = null) =>
        new(rules ?? TwoPerSecond, parent: parent, clock: clock) { Machine = MachineBudget.ForAccount(account, _folder, clock, owner ?? (Interlocked.Increment(ref _processes) << 40)) };

    static async Task<long> Call(SteppingClock clock, RequestThrottle throttle, string endpoint = "GET orders")
    {
        var permit = await clock.Drive(throttle.AcquireAsync(endpoint, CancellationToken.None), TimeSpan.FromMilliseconds(1));
        permit.Settle(permit.NowTicks);
        return permit.SlotTicks;
    }

    [Fact]
    public async Task Two_processes_on_one_account_are_spaced_as_one()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock);
        var b = Process(clock);
        var slots = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            slots.Add(await Call(clock, a));
            slots.Add(await Call(clock, b));
        }
        // Without the shared ledger, a and b would each send at once: 2 calls at the same tick.
        for (var i = 1; i < slots.Count; i++) Assert.True(slots[i] - slots[i - 1] >= Interval, $"call {i} came {slots[i] - slots[i - 1]} ticks after the one before; the account's spacing is {Interval}");
        Assert.True(VirtualTime.MaxInAnyWindow(slots, TimeSpan.FromSeconds(1)) <= 2);
    }

    [Fact]
    public async Task Many_processes_calling_at_once_never_put_more_than_the_limit_in_any_window()
    {
        var clock = VirtualTime.NewClock();
        var processes = Enumerable.Range(0, 8).Select(_ => Process(clock)).ToList();
        var permits = new System.Collections.Concurrent.ConcurrentBag<long>();
        var work = Task.WhenAll(processes.SelectMany(p => Enumerable.Range(0, 3).Select(async _ =>
        {
            var permit = await p.AcquireAsync("GET orders", CancellationToken.None);
            permits.Add(permit.SlotTicks);
            permit.Settle(permit.NowTicks);
        })));
        await clock.Drive(work, TimeSpan.FromMilliseconds(1));
        Assert.Equal(24, permits.Count);
        Assert.True(VirtualTime.MaxInAnyWindow(permits, TimeSpan.FromSeconds(1)) <= 2);
        // Every call waited only for the budget: 24 calls at 2/s take about 12 s, not 24 × the spacing of 8 processes.
        // The upper bound has room: the clock moves while other calls' ledger file work is still in flight (real time),
        // so on a loaded machine a call can take its slot a few steps late (13.9 s seen at load 25). 18 s still fails any schedule
        // spacing the 24 calls 0.8 s or more apart (1.6 × the budget's 0.5 s).
        Assert.InRange(TimeSpan.FromTicks(permits.Max() - permits.Min()).TotalSeconds, 11, 18);
    }

    [Fact]
    public async Task The_ledger_file_is_its_owners_only_and_comes_back_when_its_folder_was_cleared()
    {
        var clock = VirtualTime.NewClock();
        var folder = Path.Combine(_folder, "throttle");
        var a = Process(clock);
        a.Machine = MachineBudget.ForAccount("billbee|https://app.billbee.test/api/v1|abc", folder, clock, 1L << 40);
        await Call(clock, a);
        var file = Assert.Single(Directory.GetFiles(folder, "*.budget"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // Clear-IntegrationState (or a person) removed the folder while the process ran: the next call makes it again and
        // stays on the machine-wide budget instead of falling back to pacing this process alone.
        Directory.Delete(folder, true);
        var degraded = new List<string>();
        a.Machine.PauseFor(TimeSpan.FromSeconds(1), degraded.Add);
        Assert.Empty(degraded);
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(a.Machine.Snapshot().PausedUntil > 0);
    }

    [Fact]
    public void A_late_arrival_in_another_process_holds_the_call_a_window_later()
    {
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        var ledger = new BudgetLedger();
        ledger.Record(TwoPerSecond, "GET orders", now, 1);
        ledger.Record(TwoPerSecond, "GET orders", now + Interval, 2);
        // The call two places back has not answered: when it arrived is unknown, so nothing can go yet.
        Assert.Null(ledger.FreeSlot(TwoPerSecond, "GET orders", now + 2 * Interval, RequestThrottle.DefaultUtilisation));
        // It arrived 400 ms late: the next call keeps a whole (widened) window from that arrival.
        var late = now + TimeSpan.FromMilliseconds(400).Ticks;
        Assert.True(ledger.Settle(1, late));
        Assert.Equal(late + Window, ledger.FreeSlot(TwoPerSecond, "GET orders", now + 2 * Interval, RequestThrottle.DefaultUtilisation));
        // Another endpoint has a budget of its own.
        Assert.Equal(now + 2 * Interval, ledger.FreeSlot(TwoPerSecond, "GET products", now + 2 * Interval, RequestThrottle.DefaultUtilisation));
    }

    [Fact]
    public void A_process_counts_its_own_calls_from_its_own_estimate_and_others_calls_from_their_answer()
    {
        // One process alone runs as fast as its in-process limiter lets it; another process goes by the sure bound.
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        const long mine = 1L << 40, theirs = 2L << 40;
        var ledger = new BudgetLedger();
        ledger.Record(TwoPerSecond, "GET orders", now, mine | 1);
        ledger.Record(TwoPerSecond, "GET orders", now + Interval, mine | 2);
        var answered = now + TimeSpan.FromMilliseconds(300).Ticks;
        var estimated = now + TimeSpan.FromMilliseconds(20).Ticks;
        ledger.Settle(mine | 1, answered, estimated);
        var copy = BudgetLedger.Parse(ledger.Serialize());
        Assert.Equal(estimated + Window, copy.FreeSlot(TwoPerSecond, "GET orders", now + 2 * Interval, RequestThrottle.DefaultUtilisation, mine));
        Assert.Equal(answered + Window, copy.FreeSlot(TwoPerSecond, "GET orders", now + 2 * Interval, RequestThrottle.DefaultUtilisation, theirs));
    }

    [Fact]
    public void A_call_left_unsettled_by_a_killed_process_counts_as_arrived_after_the_stale_limit()
    {
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        var ledger = new BudgetLedger();
        ledger.Record(TwoPerSecond, "GET orders", now, 1);
        ledger.Record(TwoPerSecond, "GET orders", now + Interval, 2);
        var later = now + BudgetLedger.StaleAfter.Ticks + 1;
        Assert.Equal(now + BudgetLedger.StaleAfter.Ticks + Window, ledger.FreeSlot(TwoPerSecond, "GET orders", later, RequestThrottle.DefaultUtilisation));
    }

    [Fact]
    public void The_ledger_survives_its_file_format_and_holds_no_more_than_each_rule_can_count()
    {
        var ledger = new BudgetLedger();
        for (var i = 1; i <= 10; i++) ledger.Record(TwoPerSecond, "GET orders/{id}", i * 1000, i);
        ledger.Settle(10, 10_500);
        ledger.PauseUntil(99_000);
        var copy = BudgetLedger.Parse(ledger.Serialize());
        Assert.Equal(2, copy.Count);
        Assert.Equal(99_000, copy.PausedUntil);
        Assert.Equal(ledger.Serialize(), copy.Serialize());
        Assert.Equal(0, BudgetLedger.Parse("garbage\ncall x y z w\n").Count);
    }

    [Fact]
    public async Task A_pause_one_process_learned_from_a_429_holds_every_process_of_the_account()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock);
        var b = Process(clock);
        await Call(clock, b);
        var pausedAt = clock.Ticks();
        a.PauseAll(TimeSpan.FromSeconds(5));
        var next = await Call(clock, b, "GET products");
        Assert.True(next - pausedAt >= TimeSpan.FromSeconds(5).Ticks, $"b's next call went {TimeSpan.FromTicks(next - pausedAt).TotalSeconds:0.###} s after a's pause of 5 s");
    }

    [Fact]
    public async Task A_wider_budget_the_account_draws_from_is_shared_across_processes_too()
    {
        // Billbee: each user's calls also count against the developer key's budget, which several users (processes) share.
        var clock = VirtualTime.NewClock();
        var keyRules = new[] { new RateRule("per-key", 3, TimeSpan.FromSeconds(1)) };
        RequestThrottle User(string user)
        {
            var owner = Interlocked.Increment(ref _processes) << 40; // one process: the user's and the key's budget share its id
            return Process(clock, new[] { new RateRule("per-user", 10, TimeSpan.FromSeconds(1)) },
                Process(clock, keyRules, account: "billbee|https://app.billbee.test/api/v1|key", owner: owner), "billbee|https://app.billbee.test/api/v1|" + user, owner);
        }
        var users = new[] { User("u1"), User("u2"), User("u3"), User("u4") };
        var slots = new List<long>();
        for (var round = 0; round < 3; round++)
            foreach (var u in users) slots.Add(await Call(clock, u));
        Assert.True(VirtualTime.MaxInAnyWindow(slots, TimeSpan.FromSeconds(1)) <= 3);
    }

    // ---- a raised limit: a block of slots per visit of the ledger file ----

    /// <summary>Lime on-premise with its limit raised (the bench's throughput run): spaced 31 µs, far below what a visit of the file costs.</summary>
    static readonly RateRule[] Raised = { new("per-client", 10_000_000, TimeSpan.FromMinutes(5)) };

    /// <summary>A limit where blocks stay small and the window binds within a few seconds: 2000 a second, spaced 515 µs.</summary>
    static readonly RateRule[] Fast = { new("per-client", 2000, TimeSpan.FromSeconds(1)) };

    static async Task<long> FineCall(SteppingClock clock, RequestThrottle throttle, string endpoint = "GET query")
    {
        var permit = await clock.Drive(throttle.AcquireAsync(endpoint, CancellationToken.None), TimeSpan.FromTicks(50));
        permit.Settle(permit.NowTicks);
        return permit.SlotTicks;
    }

    static int UnsettledIn(BudgetLedger ledger) => ledger.Serialize().Split('\n').Count(l => l.StartsWith("call ", StringComparison.Ordinal) && l.Split(' ')[4] == "0");

    [Fact]
    public async Task A_raised_limit_takes_a_block_of_slots_per_visit_of_the_ledger_file_and_every_call_is_in_the_ledger()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Raised, account: "lime|https://lime.test/api/v1|raised");
        const int calls = 640;
        for (var i = 0; i < calls; i++) await FineCall(clock, a);
        // Without blocks every call visits the file twice (its reservation, its settle): 1280 visits. A block of up to 64
        // slots per visit, and its settles written together once it is used up: about 2 visits per 64 calls.
        Assert.InRange(a.Machine!.FileVisits, 2, calls / 8);
        clock.Advance(MachineBudget.BlockLifetime * 2); // past the last block's lifetime: its unused slots are written
        var ledger = a.Machine.Snapshot();
        // Every call went into the ledger (counted by every process) before it was sent, and so did the slots of blocks that
        // grew too old to use (counted as never-sent calls: conservative); none is left unsettled.
        Assert.True(ledger.Count >= calls, $"{ledger.Count} calls in the ledger after {calls}");
        Assert.Equal(0, UnsettledIn(ledger));
    }

    [Fact]
    public async Task Blocks_of_two_processes_never_put_more_than_the_limit_in_any_window_and_leave_nothing_unsettled()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Fast, account: "lime|https://lime.test/api/v1|fast");
        var b = Process(clock, Fast, account: "lime|https://lime.test/api/v1|fast");
        var slots = new List<long>();
        // 3000 calls at 2000 a second: the window binds (1.5 windows' worth), the two processes take turns in runs of 3.
        for (var i = 0; i < 3000; i++) slots.Add(await FineCall(clock, (i / 3) % 2 == 0 ? a : b));
        Assert.True(VirtualTime.MaxInAnyWindow(slots, TimeSpan.FromSeconds(1)) <= 2000, $"{VirtualTime.MaxInAnyWindow(slots, TimeSpan.FromSeconds(1))} calls in one second");
        // Blocks were used: fewer visits than the two a call without them.
        Assert.True(a.Machine!.FileVisits + b.Machine!.FileVisits < 3000 * 2 * 3 / 4, $"{a.Machine.FileVisits + b.Machine.FileVisits} visits for 3000 calls");
        clock.Advance(MachineBudget.BlockLifetime * 2);
        Assert.Equal(0, UnsettledIn(a.Machine.Snapshot()));
    }

    [Fact]
    public async Task A_pause_drops_the_block_so_no_call_goes_on_a_slot_reserved_before_it()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Raised, account: "lime|https://lime.test/api/v1|paused");
        await FineCall(clock, a); // reserves a block
        var visits = a.Machine!.FileVisits;
        await FineCall(clock, a);
        Assert.Equal(visits, a.Machine.FileVisits); // the second call came from the block: no visit
        var pausedAt = clock.Ticks();
        a.PauseAll(TimeSpan.FromSeconds(2));
        var next = await clock.Drive(FineCall(clock, a), TimeSpan.FromMilliseconds(1));
        Assert.True(next - pausedAt >= TimeSpan.FromSeconds(2).Ticks, $"the call after the pause went {TimeSpan.FromTicks(next - pausedAt).TotalSeconds:0.###} s after it");
    }

    [Fact]
    public async Task A_failed_write_keeps_the_block_settles_for_the_next_visit_of_the_file()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Raised, account: "lime|https://lime.test/api/v1|failed-write");
        var block = MachineBudget.BlockSize(Raised, "GET query", RequestThrottle.DefaultUtilisation).Count;
        for (var i = 0; i < block - 1; i++) await FineCall(clock, a);
        Assert.Equal(1, a.Machine!.FileVisits); // one visit reserved the whole block; its settles wait for the next visit
        var failures = 0;
        a.Machine.BeforeWrite = () => { if (failures++ == 0) throw new IOException("No space left on device"); };
        await FineCall(clock, a); // the block's last call: its settle writes the block's settles at once, and that write fails
        Assert.Equal(1, failures);
        Assert.Equal(block, UnsettledIn(a.Machine.Snapshot()));
        Assert.Equal(block, a.Machine.PendingSettleCount); // kept, not lost: other processes would wait StaleAfter (30 s) for them
        await FineCall(clock, a); // the next visit (a new block) carries them, once
        Assert.Equal(1, a.Machine.PendingSettleCount); // only the new call's own settle waits now
        clock.Advance(MachineBudget.BlockLifetime * 2); // the new block's unused slots are written as never sent
        Assert.Equal(0, UnsettledIn(a.Machine.Snapshot()));
        Assert.Equal(0, a.Machine.PendingSettleCount);
    }

    [Fact]
    public void While_the_file_cannot_be_written_the_settles_kept_for_it_stay_bounded()
    {
        var clock = VirtualTime.NewClock();
        const long owner = 7L << 40;
        var budget = MachineBudget.ForAccount("lime|https://lime.test/api/v1|full-disk", _folder, clock, owner);
        budget.BeforeWrite = () => throw new IOException("No space left on device");
        for (var i = 1; i <= MachineBudget.MaxPendingSettles + 100; i++) budget.SettleLater(owner | i, clock.GetUtcNow().UtcTicks, 0);
        Assert.Equal(MachineBudget.MaxPendingSettles, budget.PendingSettleCount);
        Assert.Null(budget.Unusable); // a failed write is no broken file: each visit tries again
        budget.BeforeWrite = null;
        budget.PauseFor(TimeSpan.FromSeconds(1));
        Assert.Equal(0, budget.PendingSettleCount);
    }

    [Fact]
    public async Task An_account_wide_rule_keeps_the_block_across_endpoints_and_a_per_endpoint_rule_does_not()
    {
        // Lime at a raised limit: one rule for every call of the client, so a GET/DELETE mix shares each block.
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Raised, account: "lime|https://lime.test/api/v1|mix");
        const int calls = 640;
        for (var i = 0; i < calls; i++) await FineCall(clock, a, i % 2 == 0 ? "GET limeobject/deal/{id}" : "DELETE limeobject/deal/{id}");
        Assert.InRange(a.Machine!.FileVisits, 2, calls / 8);
        clock.Advance(MachineBudget.BlockLifetime * 2);
        var ledger = a.Machine.Snapshot();
        Assert.True(ledger.Count >= calls, $"{ledger.Count} calls in the ledger after {calls}");
        Assert.Equal(0, UnsettledIn(ledger));

        // Per endpoint, each endpoint has a budget of its own: a block of one endpoint's slots never serves another's call.
        var perEndpoint = new[] { new RateRule("per-endpoint", 10_000_000, TimeSpan.FromMinutes(5), RateScope.Endpoint) };
        var b = Process(clock, perEndpoint, account: "lime|https://lime.test/api/v1|per-endpoint");
        for (var i = 0; i < 64; i++) await FineCall(clock, b, i % 2 == 0 ? "GET x" : "DELETE x");
        clock.Advance(MachineBudget.BlockLifetime * 2);
        var keys = b.Machine!.Snapshot().Serialize().Split('\n').Where(l => l.StartsWith("call ", StringComparison.Ordinal)).GroupBy(l => Uri.UnescapeDataString(l.Split(' ')[1])).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(keys.GetValueOrDefault("per-endpoint|GET x") >= 32 && keys.GetValueOrDefault("per-endpoint|DELETE x") >= 32, string.Join(", ", keys));
    }

    [Fact]
    public async Task Every_reservation_of_a_block_is_in_the_waiting_clocks_ticks()
    {
        // The budget's clock gives the ledger's UTC; the caller's permit counts in the waiting clock's ticks (one clock in
        // production, two here, with timestamps years apart, so a slot on the wrong one shows).
        var budgetClock = VirtualTime.NewClock();
        var waiting = new SteppingClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var budget = MachineBudget.ForAccount("lime|https://lime.test/api/v1|two-clocks", _folder, budgetClock, 9L << 40);
        var chain = new[] { new BudgetShare(budget, Raised, RequestThrottle.DefaultUtilisation) };
        for (var i = 0; i < 3; i++)
        {
            var reservation = await waiting.Drive(MachineBudget.ReserveAsync(chain, "GET query", waiting, null, CancellationToken.None), TimeSpan.FromTicks(50));
            Assert.InRange(waiting.Ticks() - reservation.SlotTicks, 0, TimeSpan.FromMilliseconds(1).Ticks);
            reservation.Settle(budgetClock.GetUtcNow().UtcTicks);
        }
        Assert.Equal(1, budget.FileVisits); // the second and third came from the first visit's block
    }

    [Fact]
    public async Task A_budget_keeps_one_expiry_timer_however_many_blocks_it_takes()
    {
        var clock = VirtualTime.NewClock();
        var a = Process(clock, Raised, account: "lime|https://lime.test/api/v1|one-timer");
        var timers = clock.TimersCreated;
        const int calls = 640;
        for (var i = 0; i < calls; i++)
        {
            // A millisecond apart: no call waits on the clock, so every timer made is the budget's own.
            var permit = await clock.Drive(a.AcquireAsync("GET query", CancellationToken.None), TimeSpan.FromTicks(50));
            permit.Settle(permit.NowTicks);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.True(a.Machine!.FileVisits >= calls / MachineBudget.MaxBlock, $"{a.Machine.FileVisits} visits: fewer blocks than expected");
        Assert.Equal(1, clock.TimersCreated - timers);
        clock.Advance(MachineBudget.BlockLifetime * 2); // the one timer still writes the last block's unused slots
        Assert.Equal(0, UnsettledIn(a.Machine.Snapshot()));
        Assert.Equal(0, a.Machine.PendingSettleCount);
    }

    [Fact]
    public void Blocks_are_only_for_rules_spaced_far_below_a_visit_of_the_file_and_at_most_half_a_window_budget()
    {
        var u = RequestThrottle.DefaultUtilisation;
        Assert.Equal(1, MachineBudget.BlockSize(TwoPerSecond, "GET orders", u).Count); // Billbee: 515 ms apart
        Assert.Equal(1, MachineBudget.BlockSize(new[] { new RateRule("per-client", 3000, TimeSpan.FromMinutes(5)) }, "GET query", u).Count); // Lime's documented limit
        Assert.Equal(MachineBudget.MaxBlock, MachineBudget.BlockSize(Raised, "GET query", u).Count);
        Assert.Equal(3, MachineBudget.BlockSize(Fast, "GET query", u).Count); // 2 ms of 515 µs slots
        // A rule allowing only a few calls a window: never more than half of them in one block.
        Assert.Equal(2, MachineBudget.BlockSize(new[] { new RateRule("tiny", 4, TimeSpan.FromMilliseconds(1)) }, "GET query", u).Count);
        // One rule too slow for blocks is enough to have none.
        Assert.Equal(1, MachineBudget.BlockSize(Raised.Concat(TwoPerSecond).ToArray(), "GET query", u).Count);
    }

    [Fact]
    public async Task When_the_ledger_file_cannot_be_used_the_process_paces_on_its_own_and_says_so_in_verbose()
    {
        var clock = VirtualTime.NewClock();
        var blocked = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocked, "a file where the throttle folder should be");
        var throttle = new RequestThrottle(TwoPerSecond, clock: clock) { Machine = MachineBudget.ForAccount("acct", blocked, clock) };
        var observer = new VerboseNotes();
        long first, second;
        using (CallObserverScope.Begin(observer))
        {
            first = await Call(clock, throttle);
            second = await Call(clock, throttle);
        }
        Assert.Equal(Interval, second - first); // still paced, by this process
        Assert.NotNull(throttle.Machine!.Unusable);
        var note = Assert.Single(observer.Notes);
        Assert.Contains("paces the account on its own", note);
    }

    [Fact]
    public void The_tests_ledger_files_go_to_a_temporary_folder()
    {
        // This run's state folder (TestStateFolder): connections on the real clock leave their ledger files there, not in
        // ~/.config. (The product's default, ConfigPaths, is unchanged; the variable is process-wide, so it is not unset here.)
        Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), Path.GetFullPath(MachineBudget.DefaultFolder));
    }

    sealed class VerboseNotes : ICallObserver, IVerboseObserver
    {
        public List<string> Notes { get; } = new();
        public void OnHttpExchange(HttpExchange exchange) { }
        public void OnRetry(RetryNotice notice) { }
        public void OnPage(PageProgress progress) { }
        public void OnVerbose(string message) { lock (Notes) Notes.Add(message); }
    }
}
