using System;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Connect-Billecta: makes the session's Billecta connection (Basic or SecureToken, production or test).</summary>
    // The default set is the one whose parameters are all optional, so "Connect-Billecta -BaseUrl $u" (or no
    // parameter at all) reaches the BILLECTA_AUTHORIZATION fallback instead of asking for -Credential.
    [Cmdlet(VerbsCommunications.Connect, "Billecta", DefaultParameterSetName = ValueSet)]
    [OutputType(typeof(BillectaConnection))]
    public sealed class ConnectBillecta : ConnectCmdlet
    {
        const string CredentialSet = "Credential";
        const string TokenSet = "SecureToken";
        const string ValueSet = "Authorization";
        public const string AuthorizationVariable = "BILLECTA_AUTHORIZATION";

        /// <summary>A saved profile (New-IntegrationProfile) to take the settings and secret references from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = CredentialSet)]
        public SwitchParameter UseSecureToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SecureString SecureToken { get; set; }

        [Parameter(ParameterSetName = ValueSet)]
        public SecureString Authorization { get; set; }

        [Parameter]
        [ValidateSet("Production", "Test")]
        public string Environment { get; set; } = "Production";

        [Parameter]
        public Uri OtherEnvironmentUrl { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProfileSet)
            {
                ConnectFromProfile(Profile, BillectaService.Instance, c => $"Billecta {c.Environment} connection ({c.Scheme}) at {c.BaseUri}");
                return;
            }
            CheckBaseUrl("Billecta");
            var environment = Environment == "Test" ? BillectaEnvironment.Test : BillectaEnvironment.Production;
            Secret value;
            switch (ParameterSetName)
            {
                case TokenSet:
                    try { value = Secret.FromPlainText(BillectaAuthorization.SecureToken(Secret.FromSecureString(SecureToken).Reveal())); }
                    catch (ArgumentException ex) { Fail("SecureToken", ex.Message + " Pass the SecureToken Billecta issued (Connect-Billecta -UseSecureToken gets one)."); return; }
                    break;
                case ValueSet:
                    value = Authorization != null ? Secret.FromSecureString(Authorization) : new SecretResolver(this).Resolve(null, null, null, AuthorizationVariable);
                    if (value == null) Fail("Authorization", $"No Authorization value: pass -Authorization, -Credential or -SecureToken, or set {AuthorizationVariable}.");
                    var check = BillectaAuthorization.Check(value.Reveal());
                    if (!check.Valid) Fail("Authorization", "The -Authorization value is not valid: " + string.Join(" ", check.Problems) + " " + check.Fix);
                    break;
                default:
                    try { value = Secret.FromPlainText(BillectaAuthorization.Basic(Credential.UserName, Secret.FromSecureString(Credential.Password).Reveal())); }
                    catch (ArgumentException ex) { Fail("Credential", ex.Message); return; }
                    break;
            }
            var other = OtherEnvironmentUrl;
            if (other != null)
            {
                var problem = Core.Http.CredentialTarget.Problem(other);
                if (problem != null) Fail("OtherEnvironmentUrl", "-OtherEnvironmentUrl receives the same login after a refusal, so it follows the base-URL rule: " + problem, other);
            }
            Uri production = environment == BillectaEnvironment.Production ? BaseUrl : other, test = environment == BillectaEnvironment.Test ? BaseUrl : other;
            var connection = new BillectaConnection(environment, value, production, test, Transport());
            if (UseSecureToken)
            {
                // The one call Connect-Billecta makes, and only when asked. The connection keeps the Basic value (in memory)
                // to make the next token before this one's Expires.
                try { connection.UseSecureTokenAsync(default).GetAwaiter().GetResult(); }
                catch (Core.Errors.ServiceException ex) { connection.Dispose(); ThrowTerminatingError(ErrorRecordFactory.FromException(ex, connection)); return; }
            }
            Publish(connection, $"Billecta {environment} connection ({connection.Scheme}) at {connection.BaseUri}");
        }
    }
}
