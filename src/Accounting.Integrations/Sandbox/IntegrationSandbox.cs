using System;
using System.Collections.Generic;
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

        internal static IntegrationSandbox From(string url, int processId, IReadOnlyDictionary<string, string> accounts)
        {
            var sandbox = new IntegrationSandbox { Url = url, ProcessId = processId };
            var reader = new SandboxAccountReader(url, accounts);
            foreach (var read in SandboxAccounts.All) read(sandbox, reader);
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
