using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Guide
{
    /// <summary>Builds the verdicts of the guide checks (issue 20); the runner adds service, check name, duration and "Evidence:".</summary>
    internal static class GuideRow
    {
        public static OnboardingResult Make(OnboardingStatus status, string detail, string fix, string evidence) =>
            new OnboardingResult { Status = status, Detail = detail, Fix = fix, Evidence = evidence };
        public static OnboardingResult Pass(string detail, string evidence) => Make(OnboardingStatus.Pass, detail, null, evidence);
        public static OnboardingResult Warn(string detail, string fix, string evidence) => Make(OnboardingStatus.Warn, detail, fix, evidence);
        public static OnboardingResult Fail(string detail, string fix, string evidence) => Make(OnboardingStatus.Fail, detail, fix, evidence);
        public static OnboardingResult Unverified(string detail, string step, string evidence) => Make(OnboardingStatus.Unverified, detail, step, evidence);
        /// <summary>A step no API covers: the fix is the exact step with the values to enter.</summary>
        public static OnboardingResult Manual(string detail, string step) => Make(OnboardingStatus.Manual, detail, step, "none (no API covers this step)");
    }
}
