using System.Management.Automation;
using Accounting.Integrations.Core.Policies;

namespace Accounting.Integrations.Policies
{
    /// <summary>
    /// Compare-IntegrationPolicy: the desired document against what can be observed, one object per
    /// (policy, group, right); each Missing or Excess also becomes a non-terminating error.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "IntegrationPolicy")]
    [OutputType(typeof(PolicyComparison))]
    public sealed class CompareIntegrationPolicy : PolicyComparisonCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ReadInput()) return;
            Run(async (writer, ct) =>
            {
                foreach (var c in await CompareAsync(writer, ct).ConfigureAwait(false))
                {
                    writer.WriteObject(c);
                    if (c.IsFinding) writer.WriteError(PolicyCmdletSupport.FindingError(c));
                }
            }, Path);
        }
    }
}
