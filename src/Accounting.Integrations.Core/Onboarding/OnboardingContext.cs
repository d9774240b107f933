using System.Collections.Generic;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// What one onboarding run checks: the connections a profile names (null when the profile has no such
    /// service) and the settings the checks compare against. Problems found while building it (a secret
    /// reference that resolves to nothing) are results already, in <see cref="Preflight"/>.
    /// </summary>
    public sealed class OnboardingContext
    {
        public string Profile { get; set; }
        /// <summary>Services the profile names, in the order their results are reported.</summary>
        public List<string> Services { get; } = new List<string>();
        public List<OnboardingResult> Preflight { get; } = new List<OnboardingResult>();

        public BillbeeConnection Billbee { get; set; }
        /// <summary>Who confirmed, by hand, that the Billbee user is an administrator (the API does not show roles).</summary>
        public string BillbeeAdministratorConfirmedBy { get; set; }
        /// <summary>State ids the integration imports; each must exist.</summary>
        public int[] BillbeeImportStateIds { get; set; }

        public TripletexConnection Tripletex { get; set; }
        /// <summary>The web shop's number ranges, when the profile gives them.</summary>
        public NumberSeriesCheck NumberSeries { get; set; }

        public IFirmaConnection IFirma { get; set; }
        /// <summary>Warn when less than this share of the monthly limit remains.</summary>
        public double IFirmaWarnBelow { get; set; } = 0.10;

        public BillectaConnection Billecta { get; set; }

        public LimeConnection Lime { get; set; }
        /// <summary>A connection with the integration user's own key (billectawebhook@api).</summary>
        public LimeConnection LimeProbe { get; set; }
        public string ProbeUser { get; set; }
        public string MonitorIntegrationKey { get; set; } = "billecta";
        /// <summary>On-premise application_config.yaml and the application's key in it.</summary>
        public string ApplicationConfigPath { get; set; }
        public string Application { get; set; }
        public PolicyDocument Policy { get; set; }
        public PolicyDocument PolicyActual { get; set; }
        /// <summary>Why a policy document named by the profile could not be read; the Policies check fails with it.</summary>
        public string PolicyProblem { get; set; }
    }
}
