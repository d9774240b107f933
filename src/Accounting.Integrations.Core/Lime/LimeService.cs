using System.Collections.Generic;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>Lime's profile entry (the application's API URL, keys, its config file and policy files) and the connections made from it.</summary>
    public sealed class LimeService : IntegrationService<LimeConnection>
    {
        public static readonly LimeService Instance = new LimeService();

        public override string Name => "Lime";
        public override IReadOnlyList<string> Settings { get; } = new[] { "baseUrl", "requestsPerFiveMinutes", "application", "applicationConfigPath", "policyPath", "policyActualPath", "probeUser", "monitorIntegration" };
        public override IReadOnlyList<string> Secrets { get; } = new[] { "apiKey", "probeApiKey" };

        /// <summary>The connection with the administrator's apiKey.</summary>
        public override LimeConnection Connect(ProfileEntry entry, TransportOptions transport) => Connect(entry, transport, "apiKey");

        /// <summary>The connection with the integration user's own key (probeApiKey); null when the profile holds none.</summary>
        public LimeConnection ConnectProbe(ProfileEntry entry, TransportOptions transport) => Connect(entry, transport, "probeApiKey");

        static LimeConnection Connect(ProfileEntry entry, TransportOptions transport, string keyName)
        {
            var url = entry.Url() ?? throw entry.Problem("The profile's Lime connection has no baseUrl.", "Add -Setting @{ baseUrl = 'https://<customer>.lime-crm.com/<application>/api/v1/' }.");
            var key = entry.Secret(keyName, keyName == "apiKey");
            return key == null ? null : new LimeConnection(url, key, entry.Number("requestsPerFiveMinutes") ?? 3000, transport);
        }

        public override ServiceOnboarding NewOnboarding() => new LimeOnboarding();
    }
}
