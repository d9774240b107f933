using System;

namespace Accounting.Integrations.Core.Onboarding
{
    public enum OnboardingStatus { Pass, Warn, Fail }

    /// <summary>One check of a seed's manual step: which service, which check, the verdict, what was seen and how to fix it.</summary>
    public sealed class OnboardingResult
    {
        public string Profile { get; set; }
        public string Service { get; set; }
        public string Check { get; set; }
        public OnboardingStatus Status { get; set; }
        public string Detail { get; set; }
        public string Fix { get; set; }
        public TimeSpan Duration { get; set; }

        public override string ToString() => $"{Status} {Service}: {Check}";
    }
}
