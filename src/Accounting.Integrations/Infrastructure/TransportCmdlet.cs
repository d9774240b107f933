using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that makes connections itself (Connect-*, Invoke-IntegrationOnboarding): the
    /// transport parameters, declared once, and the <see cref="TransportOptions"/> they make.
    /// </summary>
    public abstract class TransportCmdlet : IntegrationCmdlet
    {
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; } = 5;

        [Parameter]
        public Uri Proxy { get; set; }

        /// <summary>
        /// Turns the client's pacing under the service's documented limits off, for a sandbox or an account with
        /// raised limits. It applies to the account: every connection of it in this session follows the newest one.
        /// </summary>
        [Parameter]
        public SwitchParameter NoRateLimit { get; set; }

        private protected TransportOptions Transport()
        {
            // An HTTP proxy only: .NET fails on first use with a raw NotSupportedException for ftp://, socks4a:// typos and the like.
            if (Proxy != null && (!Proxy.IsAbsoluteUri || !(Proxy.Scheme == Uri.UriSchemeHttp || Proxy.Scheme == Uri.UriSchemeHttps || Proxy.Scheme == "socks4" || Proxy.Scheme == "socks4a" || Proxy.Scheme == "socks5") || string.IsNullOrEmpty(Proxy.Host)))
                ThrowParameterError("Proxy", $"-Proxy '{Proxy}' is not an HTTP proxy URL; give one like http://proxy.example.com:3128 (http, https or socks5).", Proxy);
            return new TransportOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxAttempts = MaxAttempts,
                Proxy = Proxy,
                ClientPacing = !NoRateLimit,
            };
        }
    }
}
