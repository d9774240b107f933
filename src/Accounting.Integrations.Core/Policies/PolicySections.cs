using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>The registered services' policy sections, in the registration list's order (which is the document's and the report's order).</summary>
    public static class PolicySections
    {
        public static IEnumerable<IPolicySection> All => IntegrationServices.All.Select(s => s.Policy).Where(p => p != null);

        /// <summary>The sections that can also change their part through an API (Set-IntegrationPolicy).</summary>
        public static IEnumerable<IPolicyGrants> Grants => All.OfType<IPolicyGrants>();

        public static IPolicySection Find(string service) => All.FirstOrDefault(p => string.Equals(p.Service, service, StringComparison.OrdinalIgnoreCase));
    }
}
