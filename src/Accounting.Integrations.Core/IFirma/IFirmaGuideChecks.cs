using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>iFirma's daily and per-minute request throttles: not exposed by its API (ifirma.md §3), so the row says what the module does instead.</summary>
    public static class IFirmaGuideChecks
    {
        public static OnboardingResult Throttles() => GuideRow.Unverified(
            "iFirma throttles 15 000 requests a day and 100 a minute per user, but its API reports neither count (limit.json has only the monthly LimitWykorzystany/LimitPrzyznany, checked in \"API limit\"). The module paces its own calls to 100 a minute; it cannot see the day's total or other clients' calls.",
            "If several integrations use this iFirma user, keep their combined calls under 15 000 a day; what iFirma answers past the throttle is undocumented.",
            "ifirma.md §3 (no endpoint exposes the throttles' counters)");
    }
}
