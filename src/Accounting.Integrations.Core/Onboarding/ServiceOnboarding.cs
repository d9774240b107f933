using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// One service's onboarding checks (Core/&lt;Service&gt;/&lt;Service&gt;Onboarding.cs): <see cref="Prepare"/> reads what
    /// they need from the profile on the pipeline thread, <see cref="ChecksAsync"/> runs them in the order they
    /// are reported, each through <see cref="Check"/>. Adding a check is one more <see cref="Check"/> call in that file.
    /// </summary>
    public abstract class ServiceOnboarding : IDisposable
    {
        Action<OnboardingResult> _emit;
        string _profile;

        /// <summary>The service, as results name it.</summary>
        public abstract string Service { get; }

        /// <summary>
        /// Connections and settings from the profile, built on the pipeline thread (vault lookups run PowerShell).
        /// A <see cref="ProfileProblemException"/> becomes this service's first result, a Fail, and its checks do not run.
        /// </summary>
        public abstract void Prepare(OnboardingProfile profile, TransportOptions transport);

        /// <summary>Runs the checks, reporting each result as it finishes.</summary>
        protected abstract Task ChecksAsync(CancellationToken ct);

        /// <summary>After every service's checks: leave nothing behind at the service (e.g. a session the checks made).</summary>
        public virtual Task FinishAsync(Action<string> verbose, CancellationToken ct) => Task.CompletedTask;

        /// <summary>Releases the connections <see cref="Prepare"/> made.</summary>
        public virtual void Dispose() { }

        internal Task RunAsync(string profile, Action<OnboardingResult> emit, CancellationToken ct)
        {
            _profile = profile;
            _emit = emit;
            return ChecksAsync(ct);
        }

        internal void Emit(OnboardingResult r)
        {
            r.Profile = _profile;
            _emit(r);
        }

        /// <summary>
        /// Runs one check; a service error or anything unexpected becomes a Fail of that check only, except a
        /// call refused for rate until the retries ran out, which is Throttled: it says nothing about the customer.
        /// Every detail ends with the evidence the verdict rests on.
        /// </summary>
        protected async Task<OnboardingResult> Check(string check, Func<Task<OnboardingResult>> body, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            OnboardingResult result;
            try { result = await body().ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.RateLimited) { result = Throttled(ex.Summary); }
            catch (ServiceException ex)
            {
                result = Fail(ex.Summary + (ex.ServiceMessage == null ? "" : ": " + ex.ServiceMessage), ex.RecommendedAction,
                    $"the service's answer{(ex.HttpStatus == null ? "" : " (HTTP " + ex.HttpStatus + ")")}");
            }
            catch (Exception ex)
            {
                // Whatever one check hits (a file, a parser, a bug) is that check's result: the others still run.
                result = Fail(Security.SecretRedactor.Redact(ex.Message), "See the detail; the other checks ran regardless.", "the error the check met");
            }
            result.Service = Service;
            result.Check = check;
            result.Duration = watch.Elapsed;
            result.Detail = (result.Detail ?? "").TrimEnd() + " Evidence: " + (result.Evidence ?? "none") + ".";
            Emit(result);
            return result;
        }

        protected static OnboardingResult Make(OnboardingStatus status, string detail, string fix, string evidence) =>
            new OnboardingResult { Status = status, Detail = detail, Fix = fix, Evidence = evidence };
        protected static OnboardingResult Pass(string detail, string evidence) => Make(OnboardingStatus.Pass, detail, null, evidence);
        protected static OnboardingResult Warn(string detail, string fix, string evidence) => Make(OnboardingStatus.Warn, detail, fix, evidence);
        protected static OnboardingResult Fail(string detail, string fix, string evidence) => Make(OnboardingStatus.Fail, detail, fix, evidence);
        /// <summary>Nothing the module can observe shows it; the fix is the manual step.</summary>
        protected static OnboardingResult Unverified(string detail, string manualStep, string evidence) => Make(OnboardingStatus.Unverified, detail, manualStep, evidence);
        protected static OnboardingResult Attested(string detail, string by, DateTime on, string evidence) =>
            new OnboardingResult { Status = OnboardingStatus.Attested, Detail = detail, Evidence = evidence, AttestedBy = by, AttestedOn = on };
        protected static OnboardingResult Throttled(string summary) => Make(OnboardingStatus.Throttled,
            "The service kept refusing the calls for rate (429) until the retries ran out, so this was not checked: " + summary + " This is not a finding about the customer.",
            "Run the onboarding again later (or with fewer runs side by side on this account); nothing needs fixing at the customer.", "429 answers from the service");

        protected static bool IsThrottled(ConnectionTestResult t) => t.ErrorId != null && t.ErrorId.EndsWith("." + nameof(ErrorReason.RateLimited), StringComparison.Ordinal);

        /// <summary>A connection test as a result; <paramref name="blocked"/> names the checks that wait for it to pass.</summary>
        protected static OnboardingResult FromTest(ConnectionTestResult t, Func<string> passDetail, string evidence, string blocked = null) =>
            t.Success ? Pass(passDetail(), evidence)
            : IsThrottled(t) ? Throttled(t.Cause + (blocked == null ? "" : ". Not checked until this passes: " + blocked + "."))
            : Fail(t.Cause + (blocked == null ? "" : ". Not checked until this passes: " + blocked + "."), t.Fix, evidence.Replace("answered", "was refused") + (t.HttpStatus == null ? "" : $" (HTTP {t.HttpStatus})"));

        /// <summary>Stops at a prerequisite that did not pass: Fail, or Throttled (then nothing is known yet either way).</summary>
        protected static bool Blocks(OnboardingResult r) => r.Status == OnboardingStatus.Fail || r.Status == OnboardingStatus.Throttled;
    }
}
