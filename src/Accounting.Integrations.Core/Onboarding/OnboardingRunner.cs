using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Onboarding
{
    /// <summary>
    /// Runs every check the setup guides ask a person to do by hand, service by service (each service's own
    /// <see cref="ServiceOnboarding"/>), and reports one result per check as it finishes. A failed check never
    /// stops the others; a check that needs another to pass first is folded into that one's result.
    /// </summary>
    public sealed class OnboardingRunner
    {
        readonly OnboardingContext _c;
        readonly Action<OnboardingResult> _emit;
        readonly Action<string> _verbose;

        public OnboardingRunner(OnboardingContext context, Action<OnboardingResult> emit, Action<string> verbose = null)
        {
            _c = context;
            _emit = emit;
            _verbose = verbose ?? (_ => { });
        }

        public async Task RunAsync(CancellationToken ct)
        {
            foreach (var service in _c.Services)
            {
                foreach (var pre in _c.Preflight.Where(p => p.Service == service.Service)) Emit(pre);
                if (_c.Preflight.Any(p => p.Service == service.Service && p.Status == OnboardingStatus.Fail)) continue;
                await service.RunAsync(_c.Profile, Emit, ct).ConfigureAwait(false);
            }
            foreach (var service in _c.Services) await service.FinishAsync(_verbose, ct).ConfigureAwait(false);
        }

        void Emit(OnboardingResult r)
        {
            r.Profile = _c.Profile;
            _emit(r);
        }
    }
}
