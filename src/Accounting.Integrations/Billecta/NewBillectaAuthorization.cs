using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Security;

using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>New-BillectaAuthorization: the Authorization header value the seed has an admin assemble by hand, as a SecureString.</summary>
    [Cmdlet(VerbsCommon.New, "BillectaAuthorization", DefaultParameterSetName = BasicSet)]
    [OutputType(typeof(SecureString))]
    public sealed class NewBillectaAuthorization : ModuleCmdlet
    {
        const string BasicSet = "Basic";
        const string TokenSet = "SecureToken";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = BasicSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SecureString SecureToken { get; set; }

        protected override void ProcessRecord()
        {
            string value;
            try
            {
                value = ParameterSetName == TokenSet
                    ? BillectaAuthorization.SecureToken(Secret.FromSecureString(SecureToken).Reveal())
                    : BillectaAuthorization.Basic(Credential.UserName, Secret.FromSecureString(Credential.Password).Reveal());
            }
            catch (System.ArgumentException ex)
            {
                ThrowTerminatingError(Infrastructure.ErrorRecordFactory.InvalidParameter(ParameterSetName == TokenSet ? "SecureToken" : "Credential", ex.Message, null));
                return;
            }
            WriteObject(Secret.FromPlainText(value).ToSecureString()); // registered first: the value is masked wherever it might show
        }
    }
}
