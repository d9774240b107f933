using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// A service's part of the policy document (about_IntegrationPolicy), implemented in the service's own folder and
    /// registered through its <c>IIntegrationService.Policy</c>: how its keys are read, written, merged and linted, how
    /// its actual state is observed and compared, and what its part of the checklist says. Shared policy code reaches
    /// a service only through this; a service whose access rights are not policed has none.
    /// </summary>
    public interface IPolicySection
    {
        /// <summary>The service name its comparison rows carry (<see cref="PolicyComparison.Service"/>).</summary>
        string Service { get; }

        /// <summary>The top-level keys of the document it owns, in the order they are written.</summary>
        IReadOnlyList<string> Keys { get; }

        /// <summary>Reads its keys from the document's root into <paramref name="into"/>; a structure error throws <see cref="PolicyDocumentException"/>.</summary>
        void Read(PolicyYaml yaml, YamlMappingNode root, PolicyDocument into);

        /// <summary>Appends its keys as YAML (nothing when the document holds none of its part).</summary>
        void Write(PolicyDocument doc, StringBuilder yaml);

        /// <summary>Adds another document's part to <paramref name="into"/> (New-IntegrationPolicy over several baselines).</summary>
        void Merge(PolicyDocument into, PolicyDocument other);

        /// <summary>Its offline lint rules.</summary>
        void Lint(PolicyDocument doc, PolicyLint lint);

        /// <summary>Adds to <paramref name="doc"/> what the New-IntegrationPolicy parameters ask of its part; a problem names the parameter (null when fine).</summary>
        PolicyInputProblem AddFromInputs(PolicyDocument doc, PolicyInputs inputs);

        /// <summary>A problem with the observation sources a cmdlet was given, or null.</summary>
        PolicyInputProblem CheckInputs(PolicyInputs inputs);

        /// <summary>Reads its actual state from the sources given (read calls only); a source not given is simply not known.</summary>
        Task ObserveAsync(PolicyDocument desired, PolicyInputs inputs, PolicyObservation into, Action<string> verbose, CancellationToken cancellationToken);

        /// <summary>Its comparison rows, in report order.</summary>
        IEnumerable<PolicyComparison> Compare(PolicyDocument desired, PolicyObservation observed);

        /// <summary>What Set-IntegrationPolicy warns when no checklist was asked for and its part still needs manual steps (null: nothing to say).</summary>
        string ManualStepsWarning(IReadOnlyList<PolicyComparison> after);
    }

    /// <summary>A problem with a cmdlet's parameters: which one, and what to do.</summary>
    public sealed class PolicyInputProblem
    {
        public PolicyInputProblem(string parameter, string message)
        {
            Parameter = parameter;
            Message = message;
        }

        public string Parameter { get; }
        public string Message { get; }
    }
}
