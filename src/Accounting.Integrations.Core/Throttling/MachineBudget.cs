using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Core.Throttling
{
    /// <summary>
    /// One account's rate budget shared by every process of the machine (jobs, parallel scheduled tasks): a small
    /// ledger file per account under the state folder's throttle/ (named by a hash of the account key, which itself
    /// holds only a hash of the credentials), read and rewritten under an OS file lock for each call. The lock is
    /// the OS's, so a killed process releases it; a call it left unsettled counts as arrived after
    /// <see cref="BudgetLedger.StaleAfter"/>. Fail-safe: when the file cannot be used (no folder, no access, a lock
    /// held too long), the call is paced by this process alone and the reason goes to -Verbose.
    /// Set ACCOUNTING_INTEGRATIONS_MACHINE_BUDGET=off to pace per process only.
    /// </summary>
    public sealed class MachineBudget
    {
        public const string DisableVariable = "ACCOUNTING_INTEGRATIONS_MACHINE_BUDGET";

        /// <summary>
        /// How long one reservation waits for another process's lock before it paces per process instead. Long: waiting is
        /// safe, going alone is not, and on a loaded machine (20 cold pwsh processes on 2 cores) a holder can be off the CPU for seconds.
        /// </summary>
        static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);
        /// <summary>How often a call asks again while the call its window depends on has not settled.</summary>
        static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(20);
        static long _lastId;
        [ThreadStatic] static Random _jitter;
        static Random Jitter => _jitter ?? (_jitter = new Random(Guid.NewGuid().GetHashCode()));
        static readonly long IdBase = (long)(Process.GetCurrentProcess().Id & 0xFFFFF) << 40;

        /// <summary>
        /// A rule spaced this closely (a raised limit: 10 000 000 per 5 min is 31 µs) is far below what a visit of the file
        /// costs (an open, a lock, a read and a rewrite: 0.2–4 ms CPU), so one visit reserves a block of slots ahead.
        /// </summary>
        internal static readonly TimeSpan BlockSpacing = TimeSpan.FromMilliseconds(1);
        /// <summary>The most time a block's slots span, and the most calls in one block.</summary>
        internal static readonly TimeSpan BlockSpan = TimeSpan.FromMilliseconds(2);
        internal const int MaxBlock = 64;
        /// <summary>
        /// The most block settles kept for the next visit while the file cannot be written. Blocks are reserved only by a
        /// visit that wrote the file, so they stay few (the slots of the blocks in use); this bounds them all the same.
        /// </summary>
        internal const int MaxPendingSettles = 16 * MaxBlock;
        /// <summary>
        /// How long a process uses slots it reserved without reading the ledger again: bounds how late it learns of a
        /// pause another process set from a 429.
        /// </summary>
        internal static readonly TimeSpan BlockLifetime = TimeSpan.FromMilliseconds(100);
        /// <summary>The expiry timer fires this long after a block's lifetime, so the block is surely too old by then.</summary>
        static readonly TimeSpan ExpiryMargin = TimeSpan.FromMilliseconds(1);

        readonly TimeProvider _clock;
        readonly MachineBudget[] _self;
        volatile string _unusable;
        readonly object _blockGate = new object();
        // Slots this process reserved ahead in the ledger and has not handed out yet (null: none).
        Block _block;
        // Writes an expired block's unused slots (see Expire); made with the first block, armed while one is kept.
        ITimer _expiry;
        bool _expiryArmed;
        // Calls of blocks handed out and not settled yet; the settles of a block wait in _pendingSettles for the next visit,
        // and stay there until that visit's write succeeded.
        int _outstanding;
        readonly List<(long Id, long Arrival, long Estimate)> _pendingSettles = new List<(long, long, long)>();
        long _fileVisits;

        sealed class Block
        {
            public string Endpoint;
            public IReadOnlyList<RateRule> Rules;
            public double Utilisation;
            public long ReservedAtUtc;
            public readonly Queue<(long Id, long Slot)> Slots = new Queue<(long, long)>();
        }

        static MachineBudget()
        {
            // Compile the ledger's code before the first lock: a cold process JIT-compiling it while holding the lock
            // held every other process of the account for seconds on a loaded machine.
            var rules = new[] { new RateRule("warm-up", 2, TimeSpan.FromSeconds(1), RateScope.Endpoint) };
            var ledger = BudgetLedger.Parse(new BudgetLedger().Serialize());
            ledger.Record(rules, "GET /", 1, 1);
            ledger.FreeSlot(rules, "GET /", 2, RequestThrottle.DefaultUtilisation);
            ledger.Settle(1, 3);
            ledger.PauseUntil(4);
            ledger.Prune(5, TimeSpan.FromSeconds(1));
            BudgetLedger.Parse(ledger.Serialize());
        }

        public MachineBudget(string path, TimeProvider clock = null) : this(path, clock, IdBase) { }

        /// <param name="owner">The id prefix of "this process" (tests give two budgets on one file two owners, as two processes).</param>
        internal MachineBudget(string path, TimeProvider clock, long owner)
        {
            FilePath = path;
            _clock = clock ?? TimeProvider.System;
            Owner = owner & BudgetLedger.OwnerMask;
            _self = new[] { this };
        }

        /// <summary>The upper bits of this process's call ids: its own calls in the ledger.</summary>
        internal long Owner { get; }

        /// <summary>The ledger file of the account key under <paramref name="folder"/> (the state folder's throttle/ by default).</summary>
        public static MachineBudget ForAccount(string accountKey, string folder = null, TimeProvider clock = null) => ForAccount(accountKey, folder, clock, IdBase);

        internal static MachineBudget ForAccount(string accountKey, string folder, TimeProvider clock, long owner)
        {
            string name;
            using (var sha = SHA256.Create())
                name = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(accountKey))).Replace("-", "").Substring(0, 32).ToLowerInvariant();
            return new MachineBudget(Path.Combine(folder ?? DefaultFolder, name + ".budget"), clock, owner);
        }

        public static string DefaultFolder => Path.Combine(ConfigPaths.ConfigFolder, "throttle");

        /// <summary>Off when ACCOUNTING_INTEGRATIONS_MACHINE_BUDGET is "off", "0" or "false".</summary>
        public static bool Enabled
        {
            get
            {
                var v = Environment.GetEnvironmentVariable(DisableVariable);
                return !(string.Equals(v, "off", StringComparison.OrdinalIgnoreCase) || v == "0" || string.Equals(v, "false", StringComparison.OrdinalIgnoreCase));
            }
        }

        public string FilePath { get; }

        /// <summary>How many times this process opened the ledger file (each a lock, a read and a rewrite); for tests and the bench.</summary>
        internal long FileVisits => Interlocked.Read(ref _fileVisits);

        /// <summary>How many block calls' settles wait for the next visit of the file; for tests.</summary>
        internal int PendingSettleCount
        {
            get { lock (_blockGate) return _pendingSettles.Count; }
        }

        /// <summary>Why this process paces the account on its own now, or null while the file is in use.</summary>
        public string Unusable => _unusable;

        long UtcTicks => _clock.GetUtcNow().UtcTicks;

        /// <summary>
        /// Takes the earliest slot that every budget of the chain (an account and the wider budgets it draws from)
        /// allows for a call to <paramref name="endpoint"/>, records it in each, and waits until it comes. Each file is
        /// locked in chain order, so two processes never wait on each other's locks. Returns the reservation to settle,
        /// or null when the call was paced per process only (the reason is in <paramref name="degraded"/>).
        /// </summary>
        public static async Task<MachineReservation> ReserveAsync(IReadOnlyList<BudgetShare> chain,
            string endpoint, TimeProvider clock, Action<string> degraded, CancellationToken cancellationToken)
        {
            var usable = new List<BudgetShare>(chain.Count);
            foreach (var c in chain)
                if (c.Budget != null && c.Budget._unusable == null) usable.Add(c);
            if (usable.Count == 0) return null;
            // Blocks only where one budget counts the call: a chain's budgets would each need the block's slots.
            var single = usable.Count == 1 ? usable[0].Budget : null;
            var ahead = single?.TakeFromBlock(usable[0].Rules, endpoint, usable[0].Utilisation, clock);
            if (ahead != null) return await WaitForAsync(ahead, clock, cancellationToken).ConfigureAwait(false);
            var id = NewId(usable[0].Budget);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var locks = new List<FileStream>();
                long? slot;
                Block block = null;
                var settledHere = false;
                var applied = new int[usable.Count];
                try
                {
                    var ledgers = new List<BudgetLedger>();
                    foreach (var c in usable)
                    {
                        var stream = await c.Budget.LockAsync(cancellationToken).ConfigureAwait(false);
                        locks.Add(stream);
                        ledgers.Add(Read(stream));
                        applied[ledgers.Count - 1] = c.Budget.ApplyPendingSettles(ledgers[ledgers.Count - 1]);
                        settledHere |= applied[ledgers.Count - 1] > 0;
                    }
                    var now = usable[0].Budget.UtcTicks;
                    slot = now;
                    for (var i = 0; i < usable.Count && slot != null; i++)
                    {
                        var free = ledgers[i].FreeSlot(usable[i].Rules, endpoint, now, usable[i].Utilisation, usable[0].Budget.Owner);
                        slot = free == null ? null : Math.Max(slot.Value, free.Value);
                    }
                    if (slot != null)
                        for (var i = 0; i < usable.Count; i++)
                        {
                            ledgers[i].Record(usable[i].Rules, endpoint, slot.Value, id);
                            if (single != null)
                            {
                                // The next calls' slots too, each recorded (counted by every process) before it is used.
                                var (count, spacing) = BlockSize(usable[i].Rules, endpoint, usable[i].Utilisation);
                                for (var (j, previous) = (1, slot.Value); j < count; j++)
                                {
                                    // Each slot as any call's: spaced from the one before, and clear of every window. Where a
                                    // window would hold it (or waits for an unsettled call), the block ends there.
                                    var next = ledgers[i].FreeSlot(usable[i].Rules, endpoint, previous, usable[i].Utilisation, single.Owner);
                                    if (next == null || next.Value > previous + spacing) break;
                                    if (block == null) block = new Block { Endpoint = endpoint, Rules = usable[i].Rules, Utilisation = usable[i].Utilisation, ReservedAtUtc = now };
                                    var reserved = (NewId(single), next.Value);
                                    ledgers[i].Record(usable[i].Rules, endpoint, reserved.Item2, reserved.Item1);
                                    block.Slots.Enqueue(reserved);
                                    previous = next.Value;
                                }
                            }
                            ledgers[i].Prune(now, Longest(usable[i].Rules));
                            usable[i].Budget.Write(locks[i], ledgers[i], applied[i]);
                        }
                    else if (settledHere)
                        for (var i = 0; i < usable.Count; i++) usable[i].Budget.Write(locks[i], ledgers[i], applied[i]); // the block's settles, even while this call waits
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // The budget whose lock or file failed; the others of the chain stay in use.
                    (usable.Count > locks.Count ? usable[locks.Count].Budget : usable[0].Budget).Degrade(ex, degraded);
                    return null;
                }
                finally
                {
                    foreach (var l in locks) l.Dispose();
                }
                if (slot == null)
                {
                    await clock.Delay(SettlePoll, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (block != null) return await WaitForAsync(single.StartBlock(block, id, slot.Value, clock), clock, cancellationToken).ConfigureAwait(false);
                var budgets = new MachineBudget[usable.Count];
                for (var i = 0; i < budgets.Length; i++) budgets[i] = usable[i].Budget;
                var reservation = new MachineReservation(budgets, id, slot.Value, TargetOf(clock, slot.Value, usable[0].Budget));
                return await WaitForAsync(reservation, clock, cancellationToken).ConfigureAwait(false);
            }
        }

        static long NewId(MachineBudget budget) => budget.Owner | (Interlocked.Increment(ref _lastId) & ~BudgetLedger.OwnerMask);

        /// <summary>The same moment on the waiting clock's monotonic ticks, which the caller's permit counts in.</summary>
        static long TargetOf(TimeProvider clock, long slotUtc, MachineBudget budget) => PacedRateLimiter.TicksOf(clock) + Math.Max(0, slotUtc - budget.UtcTicks);

        static async Task<MachineReservation> WaitForAsync(MachineReservation reservation, TimeProvider clock, CancellationToken cancellationToken)
        {
            try { await PacedRateLimiter.WaitUntilAsync(clock, reservation.SlotTicks, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                reservation.Settle(reservation.SlotUtcTicks); // never sent: the calls a window later need not wait for it
                throw;
            }
            return reservation;
        }

        /// <summary>
        /// The most slots one visit reserves for a call to <paramref name="endpoint"/>, and the widest spacing of the rules that
        /// count it: a block only while every such rule is spaced at most <see cref="BlockSpacing"/> apart, and at most half of each
        /// rule's permits, so that at least half a window budget of other calls must follow before one of the block's calls (whose
        /// arrivals reach the file only at the next visit) can be the call a window waits for. Otherwise one slot, as without blocks.
        /// </summary>
        internal static (int Count, long Spacing) BlockSize(IReadOnlyList<RateRule> rules, string endpoint, double utilisation)
        {
            long spacing = 0;
            var count = MaxBlock;
            foreach (var rule in rules)
            {
                if (BudgetLedger.KeyOf(rule, endpoint) == null) continue;
                var (interval, permits, _) = RequestThrottle.Timing(rule, utilisation);
                if (interval.Ticks == 0 || interval > BlockSpacing) return (1, 0);
                spacing = Math.Max(spacing, interval.Ticks);
                count = Math.Min(count, permits / 2);
            }
            if (spacing == 0) return (1, 0); // no rule counts the call machine-wide: the file is visited for a pause only
            return ((int)Math.Max(1, Math.Min(count, BlockSpan.Ticks / spacing)), spacing);
        }

        /// <summary>
        /// The next slot of this process's block for a call the same rules count, or null: none left, another rate, a rule that
        /// counts this call and not the block's (or apart from them, per endpoint), or too old.
        /// </summary>
        MachineReservation TakeFromBlock(IReadOnlyList<RateRule> rules, string endpoint, double utilisation, TimeProvider clock)
        {
            lock (_blockGate)
            {
                var block = _block;
                if (block == null) return null;
                if (block.Slots.Count == 0 || UtcTicks - block.ReservedAtUtc > BlockLifetime.Ticks || !ReferenceEquals(block.Rules, rules)
                    || block.Utilisation != utilisation || !CountedAlike(rules, block.Endpoint, endpoint))
                {
                    AbandonBlock();
                    return null;
                }
                var (id, slot) = block.Slots.Dequeue();
                return BlockReservation(id, slot, clock);
            }
        }

        /// <summary>
        /// Whether every rule counts a call to <paramref name="a"/> under the same ledger key as one to <paramref name="b"/>: then
        /// a slot reserved for one is a slot for the other (an account-wide rule: Lime's GET and DELETE share its budget).
        /// </summary>
        static bool CountedAlike(IReadOnlyList<RateRule> rules, string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal)) return true;
            for (var i = 0; i < rules.Count; i++)
                if (!string.Equals(BudgetLedger.KeyOf(rules[i], a), BudgetLedger.KeyOf(rules[i], b), StringComparison.Ordinal)) return false;
            return true;
        }

        /// <summary>Keeps a visit's block for the next calls and hands out its first slot.</summary>
        MachineReservation StartBlock(Block block, long id, long slot, TimeProvider clock)
        {
            bool arm;
            MachineReservation reservation;
            lock (_blockGate)
            {
                AbandonBlock(); // a concurrent call's block: its unused slots are settled as never sent
                _block = block;
                // One timer for the budget, armed while a block is kept: a block lives 100 ms and a new one comes every 2 ms.
                arm = !_expiryArmed;
                _expiryArmed = true;
                if (_expiry == null) _expiry = NewTimer();
                reservation = BlockReservation(id, slot, clock);
            }
            if (arm) _expiry.Change(BlockLifetime + ExpiryMargin, Timeout.InfiniteTimeSpan);
            return reservation;
        }

        /// <summary>
        /// One of a block's calls (the caller holds <see cref="_blockGate"/>): outstanding until settled, its settle buffered for
        /// the next visit, its slot on the waiting <paramref name="clock"/>, which the caller's permit counts in.
        /// </summary>
        MachineReservation BlockReservation(long id, long slot, TimeProvider clock)
        {
            _outstanding++;
            return new MachineReservation(_self, id, slot, TargetOf(clock, slot, this), buffered: true);
        }

        /// <summary>
        /// The budget's expiry timer, made once: its callback must not keep the first caller's context (a pipeline's observer)
        /// alive for the process's lifetime.
        /// </summary>
        ITimer NewTimer()
        {
            var suppressed = ExecutionContext.IsFlowSuppressed();
            var flow = suppressed ? default : ExecutionContext.SuppressFlow();
            try { return _clock.CreateTimer(s => ((MachineBudget)s).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); }
            finally { if (!suppressed) flow.Undo(); }
        }

        /// <summary>
        /// Once a block is too old to use, its unused slots are written as never sent, also when the process makes no more calls:
        /// left unsettled, they would hold another process's call (the one a window waits for) until they count as stale. A block
        /// still young (a newer one replaced the block the timer was armed for) re-arms the timer for the rest of its life.
        /// </summary>
        void Expire()
        {
            var flush = false;
            TimeSpan? again = null;
            lock (_blockGate)
            {
                _expiryArmed = false;
                if (_block == null) return; // used up: the last settle wrote it
                var left = _block.ReservedAtUtc + BlockLifetime.Ticks - UtcTicks;
                if (left < 0)
                {
                    AbandonBlock();
                    flush = _outstanding <= 0 && _pendingSettles.Count > 0;
                }
                else
                {
                    _expiryArmed = true;
                    again = TimeSpan.FromTicks(left) + ExpiryMargin;
                }
            }
            // Outside the gate: a timer may run its callback inside Change (a fake clock does).
            if (again != null) _expiry.Change(again.Value, Timeout.InfiniteTimeSpan);
            if (flush) Update(l => { }, null);
        }

        /// <summary>The block's unused slots count as calls that arrived at their slot (never sent); settled at the next visit.</summary>
        void AbandonBlock()
        {
            if (_block == null) return;
            foreach (var (id, slot) in _block.Slots) _pendingSettles.Add((id, slot, 0));
            _block = null;
        }

        /// <summary>
        /// A block call's settle waits for the next visit of the file, which carries all of them; the last outstanding call of a
        /// block used to its end writes them at once. A block's slots a read did not use are settled (as never sent) at the
        /// process's next visit, or count as arrived after <see cref="BudgetLedger.StaleAfter"/>: conservative either way.
        /// </summary>
        internal void SettleLater(long id, long arrivalUtcTicks, long estimateUtcTicks)
        {
            bool flush;
            lock (_blockGate)
            {
                if (_unusable == null) _pendingSettles.Add((id, arrivalUtcTicks, estimateUtcTicks)); // else no visit will carry it
                _outstanding--;
                flush = _outstanding <= 0 && (_block == null || _block.Slots.Count == 0) && _pendingSettles.Count > 0;
            }
            if (flush) Update(l => { }, null);
        }

        /// <summary>
        /// Writes the settles waiting for a visit into <paramref name="ledger"/> (the caller holds the file's lock) and returns how
        /// many: they stay waiting until <see cref="Write"/> has put them in the file, so a failed write leaves them for the next
        /// visit. Visits of one file follow each other (its lock), and settles are only added behind them meanwhile.
        /// </summary>
        int ApplyPendingSettles(BudgetLedger ledger)
        {
            lock (_blockGate)
            {
                if (_block != null && _block.Slots.Count == 0) _block = null;
                // Writes failing for long: the oldest go unwritten and count as arrived after StaleAfter, conservative.
                if (_pendingSettles.Count > MaxPendingSettles) _pendingSettles.RemoveRange(0, _pendingSettles.Count - MaxPendingSettles);
                foreach (var (id, arrival, estimate) in _pendingSettles) ledger.Settle(id, arrival, estimate);
                return _pendingSettles.Count;
            }
        }

        /// <summary>Every process of the machine holds the account's calls until <paramref name="delay"/> has passed.</summary>
        public void PauseFor(TimeSpan delay, Action<string> degraded = null)
        {
            if (_unusable != null || delay <= TimeSpan.Zero) return;
            lock (_blockGate) AbandonBlock(); // its slots were taken before the server said stop
            Update(l => l.PauseUntil(UtcTicks + delay.Ticks), degraded);
        }

        internal void Settle(long id, long arrivalUtcTicks, long estimateUtcTicks) => Update(l => l.Settle(id, arrivalUtcTicks, estimateUtcTicks), null);

        /// <summary>The ledger as it is now; for tests and diagnostics.</summary>
        public BudgetLedger Snapshot()
        {
            using (var stream = LockAsync(CancellationToken.None).GetAwaiter().GetResult()) return Read(stream);
        }

        void Update(Action<BudgetLedger> change, Action<string> degraded)
        {
            if (_unusable != null) return;
            try
            {
                using (var stream = LockAsync(CancellationToken.None).GetAwaiter().GetResult())
                {
                    var ledger = Read(stream);
                    var applied = ApplyPendingSettles(ledger);
                    change(ledger);
                    Write(stream, ledger, applied);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Degrade(ex, degraded);
            }
        }

        async Task<FileStream> LockAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + LockWait;
            var backoff = 1;
            while (true)
            {
                try
                {
                    // FileShare.None is an OS lock (flock on Unix): other processes' opens fail until this one closes.
                    var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
                    Interlocked.Increment(ref _fileVisits);
                    // Two transactions a call: the mode is set when the file is new (empty), not on every open.
                    if (stream.Length == 0) SafeFile.RestrictToOwner(FilePath);
                    return stream;
                }
                catch (DirectoryNotFoundException)
                {
                    // The first call of the account, or the state folder was cleared: made once here, not checked on every call.
                    Directory.CreateDirectory(Path.GetDirectoryName(FilePath));
                    if (DateTime.UtcNow >= deadline) throw;
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    // The lock is real time, not the limiter's clock: another process holds it for a read and a write. Backing off
                    // (1, 2, 4 … 16 ms, with jitter) leaves the CPU to the holder instead of 20 processes spinning on the file.
                    await Task.Delay(backoff + Jitter.Next(backoff + 1), cancellationToken).ConfigureAwait(false);
                    backoff = Math.Min(backoff * 2, 16);
                }
            }
        }

        static BudgetLedger Read(FileStream stream)
        {
            stream.Position = 0;
            if (stream.Length > 1024 * 1024) return new BudgetLedger(); // not a ledger of ours: start afresh rather than read it
            var bytes = new byte[stream.Length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = stream.Read(bytes, read, bytes.Length - read);
                if (n == 0) break;
                read += n;
            }
            return BudgetLedger.Parse(Encoding.UTF8.GetString(bytes, 0, read));
        }

        /// <summary>For tests: runs before each write of the file, to inject a failure (a full disk, a lost share).</summary>
        internal Action BeforeWrite { get; set; }

        /// <summary>Rewrites the file with <paramref name="ledger"/>; once written, the first <paramref name="settles"/> waiting settles (in it) are done.</summary>
        void Write(FileStream stream, BudgetLedger ledger, int settles)
        {
            BeforeWrite?.Invoke();
            var bytes = Encoding.UTF8.GetBytes(ledger.Serialize());
            stream.Position = 0;
            stream.SetLength(0);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
            if (settles > 0)
                lock (_blockGate) _pendingSettles.RemoveRange(0, Math.Min(settles, _pendingSettles.Count));
        }

        static TimeSpan Longest(IEnumerable<RateRule> rules)
        {
            var longest = TimeSpan.Zero;
            foreach (var rule in rules) if (rule.Window > longest) longest = rule.Window;
            return longest;
        }

        void Degrade(Exception ex, Action<string> degraded)
        {
            // A lock held too long is contention, not a broken file: this call goes per process, the next tries again.
            var permanent = ex is UnauthorizedAccessException || ex is DirectoryNotFoundException || !(File.Exists(FilePath));
            var message = $"The machine-wide rate budget file {FilePath} cannot be used ({ex.Message}); this {(permanent ? "process paces the account on its own from now on" : "call is paced by this process alone")}, " +
                "so other processes using the same account may overrun its limit.";
            if (permanent)
            {
                _unusable = message;
                lock (_blockGate) _pendingSettles.Clear(); // no visit will carry them; they count as arrived after StaleAfter
            }
            degraded?.Invoke(message);
        }
    }

    /// <summary>A call's place in the machine-wide budgets; settled with the latest moment it can have reached the server.</summary>
    public sealed class MachineReservation
    {
        readonly MachineBudget[] _budgets;
        int _settled;

        readonly bool _buffered;

        internal MachineReservation(MachineBudget[] budgets, long id, long slotUtcTicks, long slotTicks, bool buffered = false)
        {
            _budgets = budgets;
            _buffered = buffered;
            Id = id;
            SlotUtcTicks = slotUtcTicks;
            SlotTicks = slotTicks;
        }

        public long Id { get; }
        public long SlotUtcTicks { get; }
        /// <summary>The slot in the waiting clock's monotonic ticks (<see cref="ThrottlePermit.SlotTicks"/>).</summary>
        public long SlotTicks { get; }

        /// <summary>
        /// The first report counts; later ones change nothing and touch no file. <paramref name="arrivalUtcTicks"/> is a sure
        /// bound (the moment of the answer), which other processes go by; <paramref name="estimateUtcTicks"/> this process's
        /// own estimate, which only it uses for its own calls (0: none).
        /// </summary>
        public void Settle(long arrivalUtcTicks, long estimateUtcTicks = 0)
        {
            if (Interlocked.Exchange(ref _settled, 1) != 0) return;
            foreach (var b in _budgets)
                if (_buffered) b.SettleLater(Id, arrivalUtcTicks, estimateUtcTicks); // one of a block: written with the next visit
                else b.Settle(Id, arrivalUtcTicks, estimateUtcTicks);
        }
    }

    /// <summary>
    /// One budget of a chain a call draws from (an account's, and the wider ones it shares), with the rules and share
    /// of them it counts by. A class, not a tuple: generic code over a value type is compiled by the runtime on a
    /// session's first call, where ReadyToRun cannot precompile it.
    /// </summary>
    public sealed class BudgetShare
    {
        public BudgetShare(MachineBudget budget, IReadOnlyList<RateRule> rules, double utilisation)
        {
            Budget = budget;
            Rules = rules;
            Utilisation = utilisation;
        }

        public MachineBudget Budget { get; }
        public IReadOnlyList<RateRule> Rules { get; }
        public double Utilisation { get; }
    }
}
