using System.Management.Automation;
using System.Security;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>Lime's part of the object Start-IntegrationSandbox returns: its demo account, read from the sandbox's /_sandbox/accounts.</summary>
    public sealed partial class IntegrationSandbox
    {
        public SandboxLimeAccount Lime { get; internal set; }

        internal static void ReadLime(IntegrationSandbox sandbox, SandboxAccountReader a) =>
            sandbox.Lime = new SandboxLimeAccount
            {
                BaseUrl = a.Url("lime.baseUrl"),
                Application = a.Get("lime.application"),
                ApiKey = a.Secure("lime.apiKey"),
                WebhookUser = a.Get("lime.webhookUser"),
                WebhookApiKey = a.Secure("lime.webhookApiKey"),
            };
    }

    public sealed class SandboxLimeAccount
    {
        public string BaseUrl { get; internal set; }
        public string Application { get; internal set; }
        public SecureString ApiKey { get; internal set; }
        public string WebhookUser { get; internal set; }
        public SecureString WebhookApiKey { get; internal set; }
    }
}
