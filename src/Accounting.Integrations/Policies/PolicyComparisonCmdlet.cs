using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>
    /// What Compare- and Set-IntegrationPolicy share: the desired document, and the sources of the actual state: a
    /// declared-actual file here, and each policy section's sources as parameters in its service's folder (a partial of
    /// this class). Each source is optional; what none covers is Unverified.
    /// </summary>
    public abstract partial class PolicyComparisonCmdlet : IntegrationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [FilePathArgument]
        public string Path { get; set; }

        /// <summary>A document in the same format transcribing what the services' admin tools show now.</summary>
        [Parameter]
        public string ActualPath { get; set; }

        private protected PolicyDocument Desired;
        private protected PolicyDocument Declared;

        /// <summary>Reads both documents and checks the parameters; false (with the error written) when the input is unusable.</summary>
        private protected bool ReadInput()
        {
            var inputs = PolicyCmdletSupport.Inputs(this);
            foreach (var section in PolicySections.All)
            {
                var problem = section.CheckInputs(inputs);
                if (problem != null) ThrowParameterError(problem.Parameter, problem.Message);
            }
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
            var inputs = PolicyCmdletSupport.Inputs(this);
            foreach (var section in PolicySections.All)
                await section.ObserveAsync(Desired, inputs, observed, writer.WriteVerbose, ct).ConfigureAwait(false);
            return PolicyComparer.Compare(Desired, observed);
        }
    }
}
