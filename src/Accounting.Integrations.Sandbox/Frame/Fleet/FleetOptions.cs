using System.Globalization;

namespace Accounting.Integrations.Sandbox.Frame
{
    /// <summary>The fleet's options (--customers and its faults): N customer accounts per service besides the root ones.</summary>
    public sealed partial class SandboxOptions
    {
        /// <summary>Most customers a fleet may have: customer n's seed is seed × 10 000 + n, distinct for every n up to this.</summary>
        public const int MaxCustomers = 9_999;

        /// <summary>Independent customer accounts per service, each under /c/&lt;nnn&gt;/ (0: none, the sandbox as before).</summary>
        public int Customers { get; set; }
        /// <summary>Every this-many-th customer (10, 20, …) has one seeded fault, the faults taking turns (0: none).</summary>
        public int CustomerFaultEvery { get; set; } = 10;
        /// <summary>The faults that take turns, by name (null: every service's, in registration order).</summary>
        public string[]? CustomerFaultNames { get; set; }

        /// <summary>Customer <paramref name="number"/>'s seed: derived from the sandbox seed, so the same seed gives the same fleet.</summary>
        public static int CustomerSeed(int seed, int number) => unchecked(seed * 10_000 + number);

        /// <summary>
        /// One fleet customer's options: a copy with its own seed, no fleet or scenario of its own, and each service's
        /// small data set (<see cref="SandboxServiceRegistration.ForCustomer"/>). Random faults (--faults), latency and
        /// the services' behaviour knobs carry over.
        /// </summary>
        public SandboxOptions ForCustomer(int number)
        {
            var copy = (SandboxOptions)MemberwiseClone();
            copy.Seed = CustomerSeed(Seed, number);
            copy.Customers = 0;
            copy.Scenario = null;
            copy.CustomerFaultNames = null;
            foreach (var registration in SandboxServices.All) registration.ForCustomer?.Invoke(copy);
            return copy;
        }

        /// <summary>A shallow copy of a service's options object, for <see cref="SandboxServiceRegistration.ForCustomer"/>.</summary>
        public static T CopyOf<T>(T options) where T : class =>
            (T)typeof(object).GetMethod(nameof(MemberwiseClone), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(options, null)!;

        /// <summary>Reads a fleet flag; false when the flag is not one.</summary>
        internal static bool ParseFleetOption(string flag, Func<string> next, SandboxOptions o)
        {
            switch (flag)
            {
                case "--customers":
                    var n = int.Parse(next(), CultureInfo.InvariantCulture);
                    if (n < 0 || n > MaxCustomers) throw new ArgumentException($"--customers takes 0 to {MaxCustomers}, not {n}.");
                    o.Customers = n;
                    return true;
                case "--customer-fault-every":
                    var every = int.Parse(next(), CultureInfo.InvariantCulture);
                    if (every < 0) throw new ArgumentException($"--customer-fault-every takes 0 (no faults) or more, not {every}.");
                    o.CustomerFaultEvery = every;
                    return true;
                case "--customer-faults":
                    var names = next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var known = Fleet.SandboxCustomer.AllFaults.Select(f => f.Fault.Name).ToArray();
                    var unknown = names.Where(x => !known.Contains(x, StringComparer.OrdinalIgnoreCase)).ToArray();
                    if (unknown.Length > 0) throw new ArgumentException($"--customer-faults: no fault '{string.Join("', '", unknown)}'; the sandbox knows {string.Join(", ", known)}.");
                    o.CustomerFaultNames = names;
                    return true;
                default:
                    return false;
            }
        }

        internal static string FleetUsage => $"""
              --customers N         N independent customer accounts per service (0-{MaxCustomers}), customer n under /c/<nnn>/ with its own
                                    credentials, limits and small seeded data (seed x 10000 + n); listed at /_sandbox/customers
              --customer-fault-every N  every N-th customer has one seeded fault, taking turns (default 10; 0 = none)
              --customer-faults A,B the faults that take turns (default all: {string.Join(", ", Fleet.SandboxCustomer.AllFaults.Select(f => f.Fault.Name))})

            """;
    }
}
