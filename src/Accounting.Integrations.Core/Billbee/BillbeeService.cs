using System.Collections.Generic;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>Billbee's profile entry (user, API password, developer key, onboarding settings) and the connection made from it.</summary>
    public sealed class BillbeeService : IntegrationService<BillbeeConnection>
    {
        public static readonly BillbeeService Instance = new BillbeeService();

        public override string Name => "Billbee";
        public override IReadOnlyList<string> Settings { get; } = new[] { "baseUrl", "username", "administratorConfirmedBy", "importStateIds" };
        public override IReadOnlyList<string> Secrets { get; } = new[] { "apiPassword", "apiKey" };

        public override BillbeeConnection Connect(ProfileEntry entry, TransportOptions transport)
        {
            var user = entry.Setting("username") ?? throw entry.Problem("The profile's Billbee connection has no username.", "Add -Setting @{ username = '<Billbee login>' }; the user must be an administrator in Billbee.");
            return new BillbeeConnection(entry.Url() ?? BillbeeConnection.DefaultBaseUri, user, entry.Secret("apiPassword", true), entry.Secret("apiKey", true), transport);
        }

        public override ServiceOnboarding NewOnboarding() => new BillbeeOnboarding();
    }
}
