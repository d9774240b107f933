using System.Management.Automation;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.IFirma
{
    /// <summary>Get-IFirmaAccountingMonth: the account's current accounting month (documents must be dated in it).</summary>
    [Cmdlet(VerbsCommon.Get, "IFirmaAccountingMonth")]
    [OutputType(typeof(IFirmaAccountingMonth))]
    public sealed class GetIFirmaAccountingMonth : IntegrationCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public IFirmaConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-IFirma");
            Run(async (writer, ct) => writer.WriteObject(await connection.Client.GetAccountingMonthAsync(ct).ConfigureAwait(false)), connection);
        }
    }
}
