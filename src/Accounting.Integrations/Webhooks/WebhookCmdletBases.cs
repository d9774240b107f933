using System;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Webhooks;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Webhooks
{
    /// <summary>What every webhook cmdlet of a service has: the service's webhook calls, and the receiver URL check.</summary>
    /// <remarks>
    /// Not generic over the connection type: PowerShell reads the module's exported types before the module's
    /// resolver for the core assembly is in place, so no public type may name a core type in its base type.
    /// Each cmdlet declares its own -Connection.
    /// </remarks>
    public abstract class WebhookCmdletBase : IntegrationCmdlet
    {
        /// <summary>The service's webhook calls on the given or the session's connection.</summary>
        private protected abstract WebhookApi Api();

        /// <summary>Stops before anything changes when the receiver URL is not one the services deliver to.</summary>
        private protected void RequireTarget(Uri url, string parameter = "Url")
        {
            var problem = WebhookTarget.Problem(url);
            // The error's target is the URL with any user:password@ masked: the error record shows it.
            if (problem != null) ThrowParameterError(parameter, "-" + parameter + ": " + problem, WebhookTarget.Redact(url?.OriginalString));
        }
    }

    /// <summary>What Get-, Test- and Remove-…Webhook share: the subscriptions they act on, typed (-Id) or piped (-InputObject).</summary>
    public abstract class WebhookSelectionCmdlet : WebhookCmdletBase
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Subscriptions from Get-…Webhook.</summary>
        [Parameter(ValueFromPipeline = true)]
        public WebhookSubscription[] InputObject { get; set; }

        /// <summary>
        /// The ids typed with -Id and those of the subscriptions piped in (-InputObject). Piped subscriptions bind by
        /// type, not by an Id property, so no other object's Id (a shop's, an order state's) is taken for a webhook id;
        /// one of another service is refused.
        /// </summary>
        private protected string[] SelectedIds(string service)
        {
            if (InputObject == null) return Id;
            foreach (var s in InputObject)
                if (s != null && !string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase))
                    ThrowParameterError("InputObject", $"-InputObject: a {s.Service} webhook was piped into a {service} cmdlet; pipe Get-{s.Service}Webhook into the {s.Service}Webhook cmdlets.", s.Id);
            return (Id ?? new string[0]).Concat(InputObject.Where(s => s != null).Select(s => s.Id)).ToArray();
        }
    }

    /// <summary>Get-…Webhook: the subscriptions, all or by id.</summary>
    public abstract class GetWebhookCmdlet : WebhookSelectionCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api();
            var ids = SelectedIds(api.Service);
            Run(async (writer, ct) =>
            {
                foreach (var s in await api.List(ct).ConfigureAwait(false))
                    if (ids == null || ids.Contains(s.Id, StringComparer.OrdinalIgnoreCase)) writer.WriteObject(s);
            }, api.Service);
        }
    }

    /// <summary>Get-…WebhookEvent: the events the service can deliver, for -Event of Add-…Webhook.</summary>
    public abstract class GetWebhookEventCmdlet : WebhookCmdletBase
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        protected override void ProcessRecord()
        {
            var api = Api();
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            Run(async (writer, ct) =>
            {
                foreach (var e in await api.Events(ct).ConfigureAwait(false))
                    if (patterns == null || patterns.Any(p => p.IsMatch(e.Name))) writer.WriteObject(e);
            }, api.Service);
        }
    }

    /// <summary>Remove-…Webhook: deletes subscriptions by id; -WhatIf changes nothing.</summary>
    public abstract class RemoveWebhookCmdlet : WebhookSelectionCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api();
            var ids = SelectedIds(api.Service);
            if (ids == null || ids.Length == 0)
                ThrowParameterError("Id", "-Id: give the id of the subscription to remove (Get-" + api.Service + "Webhook lists them), or pipe Get-" + api.Service + "Webhook in.");
            foreach (var id in ids)
            {
                if (string.IsNullOrWhiteSpace(id)) ThrowParameterError("Id", "-Id is empty; give the id Get-" + api.Service + "Webhook lists.", id);
                if (!ShouldProcess($"{api.Service} webhook {id}", "Remove the subscription (no more deliveries)")) continue;
                var one = id;
                Run(async (writer, ct) => await api.Remove(one, ct).ConfigureAwait(false), one);
            }
        }
    }

    /// <summary>Test-…Webhook: whether each subscription can deliver (enabled, an https receiver, events the service still offers).</summary>
    public abstract class TestWebhookCmdlet : WebhookSelectionCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api();
            var ids = SelectedIds(api.Service);
            Run(async (writer, ct) =>
            {
                var events = await api.Events(ct).ConfigureAwait(false);
                var all = await api.List(ct).ConfigureAwait(false);
                foreach (var id in ids ?? new string[0])
                    if (!all.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
                        writer.WriteObject(new WebhookTestResult { Service = api.Service, Id = id, Healthy = false, Problems = new[] { $"No {api.Service} webhook has the id {id}." }, Fix = $"Get-{api.Service}Webhook lists the ids; Add-{api.Service}Webhook makes one." });
                foreach (var s in all.Where(s => ids == null || ids.Contains(s.Id, StringComparer.OrdinalIgnoreCase)))
                    writer.WriteObject(WebhookHealth.Evaluate(s, events, api.ReAddHint));
            }, api.Service);
        }
    }
}
