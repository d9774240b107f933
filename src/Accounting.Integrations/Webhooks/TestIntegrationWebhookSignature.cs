using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Webhooks
{
    /// <summary>
    /// Test-IntegrationWebhookSignature: checks a captured delivery (its headers and raw body) against the shared
    /// secret, by the service's own scheme (registered in its folder). Makes no call.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "IntegrationWebhookSignature")]
    [OutputType(typeof(WebhookSignatureResult))]
    public sealed class TestIntegrationWebhookSignature : ModuleCmdlet
    {
        /// <summary>A registered service whose deliveries are signed (Get-Help lists them).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string Service { get; set; }

        /// <summary>The delivery's headers (name = value), as captured.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public Hashtable Headers { get; set; }

        /// <summary>The delivery's body exactly as received (UTF-8): re-serialised JSON does not match.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Body { get; set; }

        [Parameter(Mandatory = true)]
        public SecureString Secret { get; set; }

        protected override void ProcessRecord()
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in Headers)
            {
                var name = entry.Key?.ToString();
                if (string.IsNullOrWhiteSpace(name)) continue;
                var value = entry.Value is IEnumerable list && !(entry.Value is string) ? string.Join(",", Flatten(list)) : entry.Value?.ToString();
                headers[name.Trim()] = value;
            }
            var secret = Core.Security.Secret.FromSecureString(Secret);
            if (secret.IsEmpty)
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Secret", "-Secret is empty; give the shared secret the subscription was created with.", null));
            if (!WebhookSignature.Services().Contains(Service, StringComparer.OrdinalIgnoreCase))
                ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Service", $"-Service {Service} signs no webhook deliveries the module knows; use one of {string.Join(", ", WebhookSignature.Services())}.", Service));
            WriteObject(WebhookSignature.Verify(Service, headers, Encoding.UTF8.GetBytes(Body ?? ""), secret));
        }

        static IEnumerable<string> Flatten(IEnumerable list)
        {
            foreach (var item in list) yield return item?.ToString();
        }
    }
}
