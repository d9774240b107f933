using System;
using System.Collections.Generic;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex's profile entry (environment, tokens, company, the web shop's number ranges) and the connection made from it.</summary>
    public sealed class TripletexService : IntegrationService<TripletexConnection>
    {
        public static readonly TripletexService Instance = new TripletexService();

        public override string Name => "Tripletex";
        public override IReadOnlyList<string> Settings { get; } = new[] { "baseUrl", "environment", "companyId", "sessionDays", "shopInvoiceStart", "shopCustomerStart", "invoiceStart", "customerStart" };
        public override IReadOnlyList<string> Secrets { get; } = new[] { "consumerToken", "employeeToken" };

        public override TripletexConnection Connect(ProfileEntry entry, TransportOptions transport)
        {
            var environment = entry.Setting("environment");
            if (environment != null && !environment.Equals("Production", StringComparison.OrdinalIgnoreCase) && !environment.Equals("Test", StringComparison.OrdinalIgnoreCase))
                throw entry.Problem($"The profile's Tripletex environment is '{environment}'; it is Production or Test.", "Fix environment with New-IntegrationProfile … -Force.");
            var test = environment != null && environment.Equals("Test", StringComparison.OrdinalIgnoreCase);
            return new TripletexConnection(test ? TripletexEnvironment.Test : TripletexEnvironment.Production,
                entry.Secret("consumerToken", true), entry.Secret("employeeToken", true), entry.Url(),
                entry.Setting("companyId") ?? "0", entry.Number("sessionDays") ?? 2, transport);
        }

        /// <summary>The web shop's ranges for the number-series check; null when the profile names no shop range.</summary>
        public static NumberSeriesCheck NumberSeries(ProfileEntry entry)
        {
            var shopInvoice = entry.Number("shopInvoiceStart");
            if (shopInvoice == null) return null;
            return new NumberSeriesCheck
            {
                ShopInvoiceStart = shopInvoice.Value, ShopCustomerStart = entry.Number("shopCustomerStart"),
                TripletexInvoiceStart = entry.Number("invoiceStart") ?? 50000, TripletexCustomerStart = entry.Number("customerStart") ?? 100000,
            };
        }

        public override ServiceOnboarding NewOnboarding() => new TripletexOnboarding();
    }
}
