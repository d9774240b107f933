using System;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Lime
{
    /// <summary>Connect-Lime: makes the session's Lime CRM connection from the application's API URL and an API user's key.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Lime", DefaultParameterSetName = "Direct")]
    [OutputType(typeof(LimeConnection))]
    public sealed class ConnectLime : ConnectCmdlet
    {
        public const string ApiKeyVariable = "LIME_API_KEY";

        /// <summary>A saved profile (New-IntegrationProfile) to take the settings and secret references from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        [Parameter]
        public SecureString ApiKey { get; set; }

        [Parameter]
        public string ApiKeySecretName { get; set; }

        [Parameter]
        public string Vault { get; set; }

        [Parameter]
        [ValidateRange(1, 1000000)]
        public int RequestsPerFiveMinutes { get; set; } = 3000;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProfileSet)
            {
                ConnectFromProfile(Profile, LimeService.Instance, c => $"Lime connection at {c.BaseUri}");
                return;
            }
            if (BaseUrl == null) Fail("BaseUrl", "-BaseUrl is required: the application's REST API, e.g. https://customer.lime-crm.com/customer/api/v1/.");
            CheckBaseUrl("Lime CRM");
            var key = new SecretResolver(this).Resolve(ApiKey, Vault, ApiKeySecretName, ApiKeyVariable);
            if (key == null || key.IsEmpty)
                Fail("ApiKey", $"No API key: pass -ApiKey, -ApiKeySecretName with -Vault, or set {ApiKeyVariable}. Create one for an API-type user in LISA or Lime Admin (\"Create API-key\"); it is shown once.");
            var url = BaseUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
            Publish(new LimeConnection(url, key, RequestsPerFiveMinutes, Transport()), $"Lime connection at {url}");
        }
    }
}
