using System.Collections.Generic;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta's profile entry (environment, the Authorization header value) and the connection made from it.</summary>
    public sealed class BillectaService : IntegrationService<BillectaConnection>
    {
        public static readonly BillectaService Instance = new BillectaService();

        public override string Name => "Billecta";
        public override IReadOnlyList<string> Settings { get; } = new[] { "baseUrl", "environment" };
        public override IReadOnlyList<string> Secrets { get; } = new[] { "authorization" };

        /// <summary>The header value is checked before anything is sent: a malformed one would only fail at Billecta.</summary>
        public override BillectaConnection Connect(ProfileEntry entry, TransportOptions transport)
        {
            var test = string.Equals(entry.Setting("environment"), "Test", System.StringComparison.OrdinalIgnoreCase);
            var value = entry.Secret("authorization", true);
            var check = BillectaAuthorization.Check(value.Reveal());
            if (!check.Valid)
                throw entry.Problem("The profile's Billecta authorization value is malformed: " + string.Join(" ", check.Problems), check.Fix);
            var url = entry.Url();
            return new BillectaConnection(test ? BillectaEnvironment.Test : BillectaEnvironment.Production, value, test ? null : url, test ? url : null, transport);
        }

        public override ServiceOnboarding NewOnboarding() => new BillectaOnboarding();
    }
}
