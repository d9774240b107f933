using System.Management.Automation;
using Accounting.Integrations.Core.Policies;

using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>Test-IntegrationPolicy: the offline lint of a policy document; one finding per problem, nothing when it is clean.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "IntegrationPolicy")]
    [OutputType(typeof(PolicyLintFinding))]
    public sealed class TestIntegrationPolicy : ModuleCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [FilePathArgument]
        public string Path { get; set; }

        protected override void ProcessRecord()
        {
            var doc = PolicyCmdletSupport.Read(this, Path, nameof(Path), out var error);
            if (doc == null) { WriteError(error); return; }
            foreach (var finding in PolicyLinter.Lint(doc, PolicyCmdletSupport.Baselines.TablesByTemplate())) WriteObject(finding);
        }
    }
}
