using System;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>
    /// Get-BillectaWebhookSetup: Billecta's webhooks have no API; this gives the exact portal steps, the Lime receiver
    /// URL and the header to enter so that events reach limepkg-billecta-integration. Makes no call.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BillectaWebhookSetup")]
    [OutputType(typeof(BillectaWebhookSetup))]
    public sealed class GetBillectaWebhookSetup : IntegrationCmdlet
    {
        /// <summary>The Lime application's REST API (…/{application}/api/v1/); the session's Lime connection if omitted.</summary>
        [Parameter(Position = 0)]
        public Uri LimeBaseUrl { get; set; }

        /// <summary>The creditor whose webhooks these are (the setting is per creditor).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Creditor { get; set; }

        /// <summary>Billecta's test portal (apitest) instead of production.</summary>
        [Parameter]
        public SwitchParameter Test { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Event { get; set; }

        [Parameter]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var baseUrl = LimeBaseUrl ?? ResolveConnection(Connection, "Connect-Lime").BaseUri;
            var unknown = Event?.Where(e => !BillectaWebhookSetup.DocumentedEvents.Contains(e, StringComparer.Ordinal)).ToList();
            if (unknown != null && unknown.Count > 0)
                WriteWarning("Billecta's docs do not list " + string.Join(", ", unknown) + "; check the names in the portal's list.");
            try { WriteObject(BillectaWebhookSetup.For(baseUrl, Creditor, Test, Event)); }
            catch (ArgumentException ex) { ThrowParameterError("LimeBaseUrl", ex.Message, baseUrl); }
        }
    }
}
