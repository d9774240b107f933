using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Services
{
    /// <summary>
    /// The registration list: every service the module knows, in the seeds' order (which is also the order
    /// onboarding reports them in). A new service is one line here.
    /// </summary>
    public static class IntegrationServices
    {
        public static readonly IReadOnlyList<IIntegrationService> All = new IIntegrationService[]
        {
            BillectaService.Instance,
            LimeService.Instance,
            TripletexService.Instance,
            BillbeeService.Instance,
            IFirmaService.Instance,
        };

        /// <summary>The service of that name (any case), or null.</summary>
        public static IIntegrationService Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

        public static IEnumerable<string> Names => All.Select(s => s.Name);
    }
}
