using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Lime;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta's onboarding checks: the credentials, and the Lime package's application config that carries them.</summary>
    public sealed class BillectaOnboarding : ServiceOnboarding
    {
        BillectaConnection _billecta;
        /// <summary>On-premise application_config.yaml and the application's key in it (the Lime entry's settings).</summary>
        string _applicationConfigPath, _application;

        public override string Service => "Billecta";

        public override void Prepare(OnboardingProfile profile, TransportOptions transport)
        {
            var lime = profile.Entry(LimeService.Instance.Name);
            _application = lime?.Setting("application");
            _applicationConfigPath = profile.Path(lime?.Setting("applicationConfigPath"));
            _billecta = BillectaService.Instance.Connect(profile.Own, transport);
        }

        protected override async Task ChecksAsync(CancellationToken ct)
        {
            var connected = await Check("Connection and credentials", async () =>
            {
                var t = await _billecta.Client.TestConnectionAsync(ct).ConfigureAwait(false);
                return FromTest(t, () => $"{_billecta.Environment} at {_billecta.BaseUri} accepts the {_billecta.Scheme} credentials.",
                    $"a call to {_billecta.BaseUri} with the profile's credentials answered");
            }, ct).ConfigureAwait(false);

            string text = null;
            string Unreadable() => _applicationConfigPath == null
                ? "The profile gives no applicationConfigPath (a Lime Cloud customer's config is kept by Lime)."
                : null;
            await Check("Application config: authentication", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Unverified(Unreadable() + " The Authorization header value cannot be seen from here.",
                        "Ask Lime to confirm secrets.billecta.api.authentication, or set the profile's Lime setting applicationConfigPath for an on-premise server.", "none (no file to read)"));
                text = SafeFile.ReadAllText(_applicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var evidence = $"{_applicationConfigPath} read";
                var value = ApplicationConfigEditor.Read(text, new[] { _application, "secrets", "billecta", "api", "authentication" });
                if (string.IsNullOrEmpty(value))
                    return Task.FromResult(Fail($"{_applicationConfigPath} has no {_application}.secrets.billecta.api.authentication; the package fails at start with InvalidBillectaApiConfig.",
                        "Run Set-LimeApplicationConfig with the Billecta credentials (New-BillectaAuthorization builds the value).", evidence));
                var check = BillectaAuthorization.Check(value);
                if (!check.Valid)
                    return Task.FromResult(Fail("The Authorization header value in the application config is malformed: " + string.Join(" ", check.Problems), check.Fix, evidence));
                var same = string.Equals(value, _billecta.Authorization.Reveal(), StringComparison.Ordinal);
                if (!same)
                    return Task.FromResult(Warn($"A well-formed {check.Scheme} value, but not the credentials in the profile, so it was not tested against Billecta.",
                        "Make the application config and the profile hold the same credentials (Set-LimeApplicationConfig), then run the onboarding again.", evidence + "; not sent to Billecta"));
                return Task.FromResult(connected.Status == OnboardingStatus.Pass
                    ? Pass($"A well-formed {check.Scheme} value, the same credentials that passed the connection check.", evidence + " and compared with the profile's credentials, which Billecta accepted")
                    : Fail($"A well-formed {check.Scheme} value, the same credentials the connection check could not use: {connected.Status}.", "Fix the connection check first; the application config holds the same credentials.", evidence + " and compared with the profile's credentials"));
            }, ct).ConfigureAwait(false);

            await Check("Application config: base_url", () =>
            {
                if (Unreadable() != null)
                    return Task.FromResult(Unverified(Unreadable() + " base_url cannot be seen from here.", "Ask Lime to confirm config.billecta.api.base_url.", "none (no file to read)"));
                text = text ?? SafeFile.ReadAllText(_applicationConfigPath, ApplicationConfigEditor.MaxBytes);
                var evidence = $"{_applicationConfigPath} read";
                var url = ApplicationConfigEditor.Read(text, new[] { _application, "config", "billecta", "api", "base_url" });
                if (string.IsNullOrEmpty(url))
                    return Task.FromResult(Fail($"{_applicationConfigPath} has no {_application}.config.billecta.api.base_url; the package fails at start with InvalidBillectaApiConfig.",
                        $"Run Set-LimeApplicationConfig -BaseUrl {_billecta.BaseUri}.", evidence));
                return Task.FromResult(string.Equals(url.TrimEnd('/'), _billecta.BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                    ? Pass($"{url} ({_billecta.Environment}).", evidence + " and compared with the profile's base URL")
                    : Warn($"base_url is {url}, but the profile connects to {_billecta.BaseUri} ({_billecta.Environment}).",
                        "Point base_url at the environment the customer should use (production https://api.billecta.com/v1, test https://apitest.billecta.com/v1).", evidence));
            }, ct).ConfigureAwait(false);
        }


        public override void Dispose() => _billecta?.Dispose();
    }
}
