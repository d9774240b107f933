using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Lime;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>
    /// What Compare- and Set-IntegrationPolicy share: the desired document, and the sources of the actual
    /// state (a declared-actual file, read probes with the integration user's key, Lime's user list,
    /// Tripletex's entitlement API). Each source is optional; what none covers is Unverified.
    /// </summary>
    public abstract class PolicyComparisonCmdlet : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string Path { get; set; }

        /// <summary>A document in the same format transcribing what LISA shows now.</summary>
        [Parameter]
        public string ActualPath { get; set; }

        /// <summary>An administrator's Lime connection, for the user list.</summary>
        [Parameter]
        public LimeConnection LimeConnection { get; set; }

        /// <summary>A Lime connection made with the integration user's own API key, for read probes.</summary>
        [Parameter]
        public LimeConnection ProbeConnection { get; set; }

        /// <summary>The user whose key -ProbeConnection holds (e.g. billectawebhook@api).</summary>
        [Parameter]
        public string ProbeUser { get; set; }

        [Parameter]
        public TripletexConnection TripletexConnection { get; set; }

        private protected PolicyDocument Desired;
        private protected PolicyDocument Declared;

        /// <summary>Reads both documents and checks the parameters; false (with the error written) when the input is unusable.</summary>
        private protected bool ReadInput()
        {
            if (ProbeConnection != null && string.IsNullOrEmpty(ProbeUser))
                ThrowParameterError(nameof(ProbeUser), "-ProbeConnection needs -ProbeUser: the Lime user whose API key it holds (e.g. billectawebhook@api), so its reads can be matched to that user's group.");
            Desired = PolicyCmdletSupport.Read(this, Path, nameof(Path), out var error);
            if (Desired == null) { WriteError(error); return false; }
            Declared = null;
            if (ActualPath != null)
            {
                Declared = PolicyCmdletSupport.Read(this, ActualPath, nameof(ActualPath), out error);
                if (Declared == null) { WriteError(error); return false; }
            }
            return true;
        }

        private protected async Task<IReadOnlyList<PolicyComparison>> CompareAsync(PipelineWriter writer, CancellationToken ct)
        {
            var observed = new PolicyObservation { Declared = Declared };
            if (ProbeConnection != null)
            {
                writer.WriteVerbose($"Probing read access as {ProbeUser}: one call per table.");
                await PolicyObserver.ProbeLimeAsync(Desired, ProbeConnection.Client, ProbeUser, observed, ct).ConfigureAwait(false);
            }
            if (LimeConnection != null) await PolicyObserver.ReadLimeUsersAsync(LimeConnection.Client, observed, ct).ConfigureAwait(false);
            if (TripletexConnection != null && Desired.Tripletex.Count > 0)
                await PolicyObserver.ReadEntitlementsAsync(Desired, TripletexConnection.Client, observed, ct).ConfigureAwait(false);
            return PolicyComparer.Compare(Desired, observed);
        }
    }
}
