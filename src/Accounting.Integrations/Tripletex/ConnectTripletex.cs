using System;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>Connect-Tripletex: makes the session's Tripletex connection from the consumer and employee tokens.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Tripletex", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(TripletexConnection))]
    public sealed class ConnectTripletex : ConnectCmdlet
    {
        const string TokenSet = "Token";
        const string CredentialSet = "Credential";
        public const string ConsumerTokenVariable = "TRIPLETEX_CONSUMER_TOKEN";
        public const string EmployeeTokenVariable = "TRIPLETEX_EMPLOYEE_TOKEN";

        /// <summary>A saved profile (New-IntegrationProfile) to take the settings and secret references from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        public SecureString ConsumerToken { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        public SecureString EmployeeToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        public string ConsumerTokenSecretName { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        public string EmployeeTokenSecretName { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        public string Vault { get; set; }

        // A string, not the core's enum: PowerShell lays out the cmdlet types before ModuleInitializer can load
        // the core, and a field of a core value type would force that load too early.
        [Parameter]
        [ValidateSet("Production", "Test")]
        public string Environment { get; set; } = "Production";

        [Parameter]
        [ValidatePattern("^[0-9]+$")]
        public string CompanyId { get; set; } = "0";

        [Parameter]
        [ValidateRange(1, 365)]
        public int SessionDays { get; set; } = 2;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProfileSet)
            {
                ConnectFromProfile(Profile, TripletexService.Instance, c => $"Tripletex {c.Environment} connection at {c.BaseUri}");
                return;
            }
            CheckBaseUrl("Tripletex");
            var secrets = new SecretResolver(this);
            Core.Security.Secret consumer, employee;
            if (ParameterSetName == CredentialSet)
            {
                // The PSCredential's user name is the consumer token, its password the employee token.
                consumer = Core.Security.Secret.FromPlainText(Credential.UserName);
                employee = Core.Security.Secret.FromSecureString(Credential.Password);
            }
            else
            {
                consumer = secrets.Resolve(ConsumerToken, Vault, ConsumerTokenSecretName, ConsumerTokenVariable);
                employee = secrets.Resolve(EmployeeToken, Vault, EmployeeTokenSecretName, EmployeeTokenVariable);
            }
            if (consumer == null || consumer.IsEmpty)
                Fail("ConsumerToken", $"No consumer token: pass -ConsumerToken, -ConsumerTokenSecretName with -Vault, or set {ConsumerTokenVariable}. The integration's vendor gets it from Tripletex.");
            if (employee == null || employee.IsEmpty)
                Fail("EmployeeToken", $"No employee token: pass -EmployeeToken, -EmployeeTokenSecretName with -Vault, or set {EmployeeTokenVariable}. " + "Create one in Tripletex: Selskap > Ansatte > (employee) > API-tilgang > Ny nøkkel.");
            var environment = Environment == "Test" ? TripletexEnvironment.Test : TripletexEnvironment.Production;
            if (environment == TripletexEnvironment.Production && (consumer.Reveal().StartsWith("test-", StringComparison.Ordinal) || employee.Reveal().StartsWith("test-", StringComparison.Ordinal)) && BaseUrl == null)
                WriteWarning("A token starts with 'test-', which marks tokens of Tripletex's test environment; add -Environment Test.");

            var connection = new TripletexConnection(environment, consumer, employee, BaseUrl, CompanyId, SessionDays, Transport());
            Publish(connection, $"Tripletex {environment} connection at {connection.BaseUri}");
        }

    }
}
