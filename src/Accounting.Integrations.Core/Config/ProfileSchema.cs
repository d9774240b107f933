using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>The settings and secret references each service's profile entry may hold, so a typo is caught when the profile is saved.</summary>
    public static class ProfileSchema
    {
        public static readonly IReadOnlyDictionary<string, (string[] Settings, string[] Secrets)> Services =
            new Dictionary<string, (string[], string[])>(StringComparer.OrdinalIgnoreCase)
            {
                ["Billbee"] = (new[] { "baseUrl", "username", "administratorConfirmedBy", "importStateIds" }, new[] { "apiPassword", "apiKey" }),
                ["Tripletex"] = (new[] { "baseUrl", "environment", "companyId", "sessionDays", "shopInvoiceStart", "shopCustomerStart", "invoiceStart", "customerStart" },
                    new[] { "consumerToken", "employeeToken" }),
                ["IFirma"] = (new[] { "baseUrl", "login" }, new[] { "invoiceKey", "billKey", "subscriberKey", "expenseKey" }),
                ["Billecta"] = (new[] { "baseUrl", "environment" }, new[] { "authorization" }),
                ["Lime"] = (new[] { "baseUrl", "requestsPerFiveMinutes", "application", "applicationConfigPath", "policyPath", "policyActualPath", "probeUser", "monitorIntegration" },
                    new[] { "apiKey", "probeApiKey" }),
            };

        /// <summary>Seeds' order: Billecta with Lime (000), Tripletex (001), Billbee (002), iFirma (003).</summary>
        public static readonly string[] Order = { "Billecta", "Lime", "Tripletex", "Billbee", "IFirma" };
    }
}
