using System;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>
    /// Test-BillectaWebhookReceiver: checks that the Lime receiver Billecta posts to refuses a call without the
    /// webhook key and gets past the key check with it, with two GETs: no event is sent or processed.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BillectaWebhookReceiver")]
    [OutputType(typeof(BillectaReceiverCheck))]
    public sealed class TestBillectaWebhookReceiver : IntegrationCmdlet
    {
        /// <summary>The API key of billectawebhook@api, as entered in the Billecta portal's x-api-key header.</summary>
        [Parameter(Mandatory = true)]
        public SecureString WebhookApiKey { get; set; }

        /// <summary>The receiver; derived from -LimeBaseUrl or the session's Lime connection if omitted.</summary>
        [Parameter]
        public Uri ReceiverUrl { get; set; }

        [Parameter]
        public Uri LimeBaseUrl { get; set; }

        [Parameter]
        public LimeConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            Uri receiver = ReceiverUrl;
            if (receiver == null)
            {
                var baseUrl = LimeBaseUrl ?? ResolveConnection(Connection, "Connect-Lime").BaseUri;
                try { receiver = BillectaWebhookSetup.ReceiverFor(baseUrl); }
                catch (ArgumentException ex) { ThrowParameterError("LimeBaseUrl", ex.Message, baseUrl); }
            }
            if (!receiver.IsAbsoluteUri) ThrowParameterError("ReceiverUrl", $"-ReceiverUrl '{receiver}' is not absolute; give https://<host>/<application>/{BillectaWebhookSetup.ReceiverPath}.", receiver);
            var key = Core.Security.Secret.FromSecureString(WebhookApiKey);
            if (key.IsEmpty) ThrowParameterError("WebhookApiKey", "-WebhookApiKey is empty; give the API key of billectawebhook@api.");
            var options = new TransportOptions { AttemptTimeout = TimeSpan.FromSeconds(30) };
            Run(async (writer, ct) => writer.WriteObject(await BillectaWebhookReceiverProbe.ProbeAsync(receiver, key, options, ct).ConfigureAwait(false)), receiver);
        }
    }
}
