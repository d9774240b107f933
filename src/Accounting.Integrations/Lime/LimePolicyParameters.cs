using System.Management.Automation;
using Accounting.Integrations.Core.Lime;

namespace Accounting.Integrations.Policies
{
    /// <summary>Lime's sources for Compare- and Set-IntegrationPolicy (read by <see cref="LimePolicySection"/>).</summary>
    public abstract partial class PolicyComparisonCmdlet
    {
        /// <summary>An administrator's Lime connection, for the user list.</summary>
        [Parameter]
        public LimeConnection LimeConnection { get; set; }

        /// <summary>A Lime connection made with the integration user's own API key, for read probes.</summary>
        [Parameter]
        public LimeConnection ProbeConnection { get; set; }

        /// <summary>The user whose key -ProbeConnection holds (e.g. billectawebhook@api).</summary>
        [Parameter]
        public string ProbeUser { get; set; }
    }
}
