using System.Collections.Generic;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// What one onboarding run checks: the services of the profile, each with its checks prepared, in the
    /// order their results are reported. Problems found while preparing (a secret reference that resolves to
    /// nothing) are results already, in <see cref="Preflight"/>.
    /// </summary>
    public sealed class OnboardingContext
    {
        public string Profile { get; set; }
        public List<ServiceOnboarding> Services { get; } = new List<ServiceOnboarding>();
        public List<OnboardingResult> Preflight { get; } = new List<OnboardingResult>();
    }
}
