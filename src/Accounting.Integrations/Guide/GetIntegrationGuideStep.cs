using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Guide
{
    /// <summary>Get-IntegrationGuideStep: every step of the four setup guides, with the onboarding row (service and check) that reports it.</summary>
    [Cmdlet(VerbsCommon.Get, "IntegrationGuideStep")]
    [OutputType(typeof(GuideStep))]
    public sealed class GetIntegrationGuideStep : ModuleCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateServiceName]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] Service { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var step in GuideSteps.All.Where(s => Service == null || Service.Contains(s.Service, System.StringComparer.OrdinalIgnoreCase)))
                WriteObject(step);
        }
    }
}
