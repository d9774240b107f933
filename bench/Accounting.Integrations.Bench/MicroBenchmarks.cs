using System.Text;
using BenchmarkDotNet.Attributes;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.IFirma;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Bench;

/// <summary>The per-call work the module adds on top of HTTP: signing, redaction, header checks, policy parsing.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MicroBenchmarks
{
    readonly byte[] _key = Convert.FromHexString("0123456789abcdef0123456789abcdef");
    readonly byte[] _body = Encoding.UTF8.GetBytes(new string('x', 1024));
    readonly string _log;
    readonly string _policy;
    readonly string _header = BillectaAuthorization.Basic("api@fjordvik.se", "Sbx-0123456789abAa1");

    public MicroBenchmarks()
    {
        SecretRedactor.Register("Sbx-0123456789abAa1");
        _log = string.Concat(Enumerable.Repeat("GET https://api.billbee.io/api/v1/orders?page=3 200 Authorization: Basic abc ", 50));
        _policy = File.ReadAllText(Path.Combine(Measure.RepoRoot(), "module", "policies", "billecta.yml"));
    }

    [Benchmark] public string IFirmaSign1KB() => IFirmaSigner.Sign(_key, "https://www.ifirma.pl/iapi/fakturakraj.json", "jan.nowak@firma.pl", "faktura", _body);
    [Benchmark] public string Redact4KB() => SecretRedactor.Redact(_log);
    [Benchmark] public bool BillectaHeaderCheck() => BillectaAuthorization.Check(_header).Valid;
    [Benchmark] public int ReadPolicyBaseline() => PolicyDocumentReader.Read(_policy).Policies.Count;
}
