using System;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// What a check proved, strongest first. Pass: the module observed it itself. Attested: a person said so
    /// (the result names who and when). Unverified: nothing the module can observe shows it; the fix is the
    /// manual step. Manual: a step no API covers at all. Warn: observed, and worth acting on. Throttled: the
    /// service kept refusing for rate and the retries ran out; retryable, says nothing about the customer.
    /// Fail: observed to be wrong.
    /// </summary>
    public enum OnboardingStatus { Pass, Attested, Unverified, Manual, Warn, Throttled, Fail }

    /// <summary>One check of a seed's manual step: which service, which check, the verdict, the evidence it rests on and how to fix it.</summary>
    public sealed class OnboardingResult
    {
        public string Profile { get; set; }
        public string Service { get; set; }
        public string Check { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal OnboardingStatus Status { get; set; }
        /// <summary>What was seen, ending with the evidence it rests on.</summary>
        public string Detail { get; set; }
        /// <summary>What the verdict rests on: the calls made, the file read, or the person's statement.</summary>
        public string Evidence { get; set; }
        /// <summary>For Attested: who attested it, and when.</summary>
        public string AttestedBy { get; set; }
        public DateTime? AttestedOn { get; set; }
        public string Fix { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal TimeSpan Duration { get; set; }

        /// <summary>True when running the check again later may give another answer without anyone changing anything (Throttled).</summary>
        public bool Retryable => Status == OnboardingStatus.Throttled;

        public override string ToString() => $"{Status} {Service}: {Check}";
    }
}
