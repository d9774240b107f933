using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Tripletex;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>
    /// Get-TripletexClientCompany: the client companies an accountant's employee token can log in to
    /// (GET /company/>withLoginAccess); connect to one with Connect-Tripletex -CompanyId.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TripletexClientCompany")]
    [OutputType(typeof(TripletexClientCompany))]
    public sealed class GetTripletexClientCompany : IntegrationCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        [Parameter]
        public TripletexConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection, "Connect-Tripletex");
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            Run(async (writer, ct) =>
            {
                foreach (var c in await connection.Client.GetClientCompaniesAsync(ct).ConfigureAwait(false))
                    if (patterns == null || patterns.Any(p => p.IsMatch(c.Name ?? ""))) writer.WriteObject(c);
            }, connection);
        }
    }
}
