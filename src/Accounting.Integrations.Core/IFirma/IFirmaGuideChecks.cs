using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>iFirma's daily and per-minute request throttles: not exposed by its API (ifirma.md §3), so the row says what the module does instead.</summary>
    public static class IFirmaGuideChecks
    {
        const string Service = "IFirma";

        /// <summary>Its steps of the setup guides (../shared/seeds) in their order, each with the onboarding row that reports it.</summary>
        public static readonly GuideStep[] Steps =
        {
            new GuideStep("003", "Dostęp podstawowy: klucz faktura", Service, "Key: faktura"),
            new GuideStep("003", "Dostęp podstawowy: klucz rachunek", Service, "Key: rachunek"),
            new GuideStep("003", "Dostęp podstawowy: klucz abonent", Service, "Key: abonent"),
            new GuideStep("003", "Dostęp podstawowy: klucz wydatek", Service, "Key: wydatek"),
            new GuideStep("003", "Dostęp rozszerzony (limit)", Service, "API limit"),
            new GuideStep("003", "Zwiększenie limitu API", Service, "API limit"),
            new GuideStep("003", "Ponowne wygenerowanie kluczy", Service, "Key: faktura"),
            new GuideStep("issue 20", "iFirma's daily and per-minute throttles", Service, "Request throttles"),
        };

        public static OnboardingResult Throttles() => GuideRow.Unverified(
            "iFirma throttles 15 000 requests a day and 100 a minute per user, but its API reports neither count (limit.json has only the monthly LimitWykorzystany/LimitPrzyznany, checked in \"API limit\"). The module paces its own calls to 100 a minute; it cannot see the day's total or other clients' calls.",
            "If several integrations use this iFirma user, keep their combined calls under 15 000 a day; what iFirma answers past the throttle is undocumented.",
            "ifirma.md §3 (no endpoint exposes the throttles' counters)");
    }
}
