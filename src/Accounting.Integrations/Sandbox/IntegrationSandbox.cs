using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>
    /// A sandbox started by Start-IntegrationSandbox: its address, its process, and the demo accounts of each
    /// service, secrets as SecureString/PSCredential so that scripts handle them as they would real ones.
    /// Each service's folder adds its account property to this partial class (&lt;Service&gt;/Sandbox&lt;Service&gt;Account.cs).
    /// </summary>
    public sealed partial class IntegrationSandbox
    {
        public string Url { get; internal set; }
        public int ProcessId { get; internal set; }
        /// <summary>For a fleet customer (-Customers): its number, 1…N; 0 for the sandbox's own accounts.</summary>
        public int Customer { get; internal set; }
        /// <summary>For a fleet customer: "customer-007", a name its profile can take.</summary>
        public string Name { get; internal set; }
        /// <summary>For a fleet customer: the names of the faults its accounts were seeded with (most have none).</summary>
        public Core.Output.TextList Faults { get; internal set; } = new string[0];
        /// <summary>
        /// The fleet's customers (-Customers N), each shaped like the sandbox itself (its own Url and per-service accounts),
        /// so whatever a script does with the sandbox's accounts it does with a customer's.
        /// </summary>
        public IntegrationSandbox[] Customers { get; internal set; } = new IntegrationSandbox[0];

        internal static IntegrationSandbox From(string url, int processId, IReadOnlyDictionary<string, string> accounts, IReadOnlyList<IReadOnlyDictionary<string, string>> customers = null)
        {
            var sandbox = Read(url, processId, accounts);
            if (customers != null) sandbox.Customers = customers.Select(c => FromCustomer(processId, c)).ToArray();
            return sandbox;
        }

        static IntegrationSandbox Read(string url, int processId, IReadOnlyDictionary<string, string> accounts)
        {
            var sandbox = new IntegrationSandbox { Url = url, ProcessId = processId };
            var reader = new SandboxAccountReader(url, accounts);
            foreach (var read in SandboxAccounts.All) read(sandbox, reader);
            return sandbox;
        }

        /// <summary>One entry of /_sandbox/customers: its accounts ("accounts.&lt;service&gt;.…") read as the root's are, against its own URL.</summary>
        static IntegrationSandbox FromCustomer(int processId, IReadOnlyDictionary<string, string> customer)
        {
            const string prefix = "accounts.";
            var accounts = customer.Where(kv => kv.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(kv => kv.Key.Substring(prefix.Length), kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            var sandbox = Read(customer.TryGetValue("url", out var url) ? url : null, processId, accounts);
            sandbox.Customer = customer.TryGetValue("number", out var n) && int.TryParse(n, out var number) ? number : 0;
            sandbox.Name = customer.TryGetValue("name", out var name) ? name : null;
            sandbox.Faults = customer.Where(kv => kv.Key.StartsWith("faults.", StringComparison.OrdinalIgnoreCase) && kv.Key.EndsWith(".name", StringComparison.OrdinalIgnoreCase))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToArray();
            return sandbox;
        }
    }

    /// <summary>The sandbox's demo accounts, flattened ("&lt;service&gt;.apiKey"), read as the account objects want them.</summary>
    internal sealed class SandboxAccountReader
    {
        readonly string _url;
        readonly IReadOnlyDictionary<string, string> _accounts;

        public SandboxAccountReader(string url, IReadOnlyDictionary<string, string> accounts)
        {
            _url = url;
            _accounts = accounts;
        }

        public string Get(string key) => _accounts.TryGetValue(key, out var v) ? v : null;

        /// <summary>A path the sandbox gives relative to its root, as an absolute URL.</summary>
        public string Url(string key) => _url + Get(key);

        public SecureString Secure(string key)
        {
            var s = new SecureString();
            foreach (var c in Get(key) ?? "") s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
