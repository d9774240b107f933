using System;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billbee
{
    /// <summary>Connect-Billbee: makes the session's Billbee connection from a username, API password and developer key.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Billbee", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(BillbeeConnection))]
    public sealed class ConnectBillbee : ConnectCmdlet
    {
        const string CredentialSet = "Credential";
        const string VaultSet = "Vault";
        const string EnvironmentSet = "Environment";
        public const string UsernameVariable = "BILLBEE_USERNAME";
        public const string ApiPasswordVariable = "BILLBEE_API_PASSWORD";
        public const string ApiKeyVariable = "BILLBEE_API_KEY";

        /// <summary>A saved profile (New-IntegrationProfile) to take the settings and secret references from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = VaultSet)]
        public SecureString ApiKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string CredentialSecretName { get; set; }

        [Parameter(ParameterSetName = VaultSet)]
        public string Username { get; set; }

        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        public string ApiKeySecretName { get; set; }

        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        public string Vault { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
        public SwitchParameter FromEnvironment { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProfileSet)
            {
                ConnectFromProfile(Profile, BillbeeService.Instance, c => $"Billbee connection for {c.Username} at {c.BaseUri}");
                return;
            }
            CheckBaseUrl("Billbee");

            var secrets = new SecretResolver(this);
            string user;
            Secret password;
            switch (ParameterSetName)
            {
                case VaultSet:
                    password = secrets.FromVault(Vault, CredentialSecretName, out var vaultUser);
                    user = string.IsNullOrEmpty(Username) ? vaultUser : Username;
                    if (string.IsNullOrEmpty(user)) Fail("Username", $"The secret '{CredentialSecretName}' holds no user name; pass -Username or store a PSCredential.");
                    break;
                case EnvironmentSet:
                    user = Environment.GetEnvironmentVariable(UsernameVariable);
                    var fromEnv = Environment.GetEnvironmentVariable(ApiPasswordVariable);
                    if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(fromEnv))
                        Fail("FromEnvironment", $"-FromEnvironment needs {UsernameVariable} and {ApiPasswordVariable} set; one or both are empty.");
                    password = Secret.FromPlainText(fromEnv);
                    break;
                default:
                    user = Credential.UserName;
                    password = Secret.FromSecureString(Credential.Password);
                    break;
            }
            if (password == null || password.IsEmpty) Fail("Credential", "The Billbee API password is empty; it is set in Billbee under Settings → System → Billbee API.");

            var apiKey = secrets.Resolve(ApiKey, Vault, ApiKeySecretName, ApiKeyVariable);
            if (apiKey == null)
                WriteWarning($"No developer API key given (-ApiKey, -ApiKeySecretName or {ApiKeyVariable}); Billbee will refuse every call until one is set.");

            var connection = new BillbeeConnection(BaseUrl ?? BillbeeConnection.DefaultBaseUri, user, password, apiKey, Transport());
            Publish(connection, $"Billbee connection for {user} at {connection.BaseUri}");
        }

    }
}
