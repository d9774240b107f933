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

        readonly TimeProvider _clock;
        volatile string _unusable;

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

        /// <summary>Why this process paces the account on its own now, or null while the file is in use.</summary>
        public string Unusable => _unusable;

        long UtcTicks => _clock.GetUtcNow().UtcTicks;

        /// <summary>
        /// Takes the earliest slot that every budget of the chain (an account and the wider budgets it draws from)
        /// allows for a call to <paramref name="endpoint"/>, records it in each, and waits until it comes. Each file is
        /// locked in chain order, so two processes never wait on each other's locks. Returns the reservation to settle,
        /// or null when the call was paced per process only (the reason is in <paramref name="degraded"/>).
        /// </summary>
        public static async Task<MachineReservation> ReserveAsync(IReadOnlyList<(MachineBudget Budget, IReadOnlyList<RateRule> Rules, double Utilisation)> chain,
            string endpoint, TimeProvider clock, Action<string> degraded, CancellationToken cancellationToken)
        {
            var usable = chain.Where(c => c.Budget != null && c.Budget._unusable == null).ToList();
            if (usable.Count == 0) return null;
            var id = usable[0].Budget.Owner | (Interlocked.Increment(ref _lastId) & ~BudgetLedger.OwnerMask);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var locks = new List<FileStream>();
                long? slot;
                try
                {
                    var ledgers = new List<BudgetLedger>();
                    foreach (var c in usable)
                    {
                        var stream = await c.Budget.LockAsync(cancellationToken).ConfigureAwait(false);
                        locks.Add(stream);
                        ledgers.Add(Read(stream));
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
                            ledgers[i].Prune(now, Longest(usable[i].Rules));
                            Write(locks[i], ledgers[i]);
                        }
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
                // The same moment on the waiting clock's monotonic ticks, which the caller's permit counts in.
                var target = PacedRateLimiter.TicksOf(clock) + Math.Max(0, slot.Value - usable[0].Budget.UtcTicks);
                var reservation = new MachineReservation(usable.Select(c => c.Budget).ToArray(), id, slot.Value, target);
                try { await PacedRateLimiter.WaitUntilAsync(clock, target, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException)
                {
                    reservation.Settle(slot.Value); // never sent: the calls a window later need not wait for it
                    throw;
                }
                return reservation;
            }
        }

        /// <summary>Every process of the machine holds the account's calls until <paramref name="delay"/> has passed.</summary>
        public void PauseFor(TimeSpan delay, Action<string> degraded = null)
        {
            if (_unusable != null || delay <= TimeSpan.Zero) return;
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
                    change(ledger);
                    Write(stream, ledger);
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

        static void Write(FileStream stream, BudgetLedger ledger)
        {
            var bytes = Encoding.UTF8.GetBytes(ledger.Serialize());
            stream.Position = 0;
            stream.SetLength(0);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
        }

        static TimeSpan Longest(IEnumerable<RateRule> rules) => rules.Select(r => r.Window).DefaultIfEmpty(TimeSpan.Zero).Max();

        void Degrade(Exception ex, Action<string> degraded)
        {
            // A lock held too long is contention, not a broken file: this call goes per process, the next tries again.
            var permanent = ex is UnauthorizedAccessException || ex is DirectoryNotFoundException || !(File.Exists(FilePath));
            var message = $"The machine-wide rate budget file {FilePath} cannot be used ({ex.Message}); this {(permanent ? "process paces the account on its own from now on" : "call is paced by this process alone")}, " +
                "so other processes using the same account may overrun its limit.";
            if (permanent) _unusable = message;
            degraded?.Invoke(message);
        }
    }

    /// <summary>A call's place in the machine-wide budgets; settled with the latest moment it can have reached the server.</summary>
    public sealed class MachineReservation
    {
        readonly MachineBudget[] _budgets;
        int _settled;

        internal MachineReservation(MachineBudget[] budgets, long id, long slotUtcTicks, long slotTicks)
        {
            _budgets = budgets;
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
            foreach (var b in _budgets) b.Settle(Id, arrivalUtcTicks, estimateUtcTicks);
        }
    }
}
