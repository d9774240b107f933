using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Security;

using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Billecta
{
    /// <summary>Test-BillectaAuthorization: checks a header value (prefix, one space, base64, user:password) without printing it.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BillectaAuthorization")]
    [OutputType(typeof(BillectaAuthorizationCheck))]
    public sealed class TestBillectaAuthorization : ModuleCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public SecureString Value { get; set; }

        protected override void ProcessRecord() => WriteObject(BillectaAuthorization.Check(Secret.FromSecureString(Value).Reveal()));
    }
}
