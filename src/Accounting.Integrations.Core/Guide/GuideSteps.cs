using System.Collections.Generic;
using System.Linq;

namespace Accounting.Integrations.Core.Guide
{
    /// <summary>One step of a setup guide (../shared/seeds) and the onboarding row that reports it.</summary>
    public sealed class GuideStep
    {
        public GuideStep(string seed, string step, string service, string check)
        {
            Seed = seed;
            Step = step;
            Service = service;
            Check = check;
        }

        /// <summary>The seed (guide) the step is from; "issue 20" for the steps the issue adds.</summary>
        public string Seed { get; }
        public string Step { get; }
        public string Service { get; }
        public string Check { get; }

        public override string ToString() => $"{Seed} {Step} -> {Service}: {Check}";
    }

    /// <summary>Every step of the setup guides, service by service in the registration list's order, with the row of Invoke-IntegrationOnboarding that answers it.</summary>
    public static class GuideSteps
    {
        public static IReadOnlyList<GuideStep> All => Services.IntegrationServices.All.SelectMany(s => s.GuideSteps).ToList();
    }
}
