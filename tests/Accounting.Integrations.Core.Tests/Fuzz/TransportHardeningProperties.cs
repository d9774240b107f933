using System.Net.Http;
using System.Text;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Sandbox.Frame;
using CsCheck;

namespace Accounting.Integrations.Core.Tests.Fuzz;

/// <summary>
/// Properties that would have found issue 15's items 2 and 3: any secret, in any derived form a request or an echo
/// can carry, is masked; and any write under any injected fault is sent once unless the service certainly did not
/// act or the operation is marked idempotent.
/// </summary>
[Collection(CpuHeavyCollection.Name)]
public sealed class TransportHardeningProperties(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    static readonly Gen<string> SecretText = Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 8, 24]
        .Select(s => "Z9" + s) // a digit keeps it from reading like prose, which is masked by name only
        .Where(s => s.Trim().Length == s.Length);

    static readonly Gen<string> User = Gen.OneOf(Gen.Const(""), Gen.Const("0"), Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.Const("admin@shop.de"));

    [Fact]
    public void Every_derived_form_of_any_secret_is_masked()
    {
        Gen.Select(SecretText, User).Sample((secret, user) =>
        {
            Secret.FromPlainText(secret);
            var forms = new[]
            {
                secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret)), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
                System.Text.Json.JsonSerializer.Serialize(secret).Trim('"'), Uri.EscapeDataString(secret), System.Net.WebUtility.UrlEncode(secret),
                Convert.ToHexString(Encoding.Unicode.GetBytes(secret)),
            };
            foreach (var form in forms)
            {
                var redacted = SecretRedactor.Redact("echo<" + form + ">");
                if (redacted.Contains(form, StringComparison.Ordinal)) throw new Exception($"'{form}' (of '{secret}', user '{user}') survived: {redacted}");
            }
        }, iter: FuzzScale.Iter(400), threads: 1);
    }

    static readonly Gen<(FaultKind Fault, string Method, int Faults, bool Idempotent)> WriteCase = Gen.Select(
        Gen.OneOf(new[] { FaultKind.Status429, FaultKind.Status500, FaultKind.Status503, FaultKind.Reset, FaultKind.Truncated, FaultKind.Malformed }.Select(Gen.Const).ToArray()),
        Gen.OneOf(new[] { "PUT", "POST", "PATCH", "DELETE" }.Select(Gen.Const).ToArray()),
        Gen.Int[1, 3], Gen.Bool);

    [Fact]
    public void A_write_is_replayed_only_when_the_service_certainly_did_not_act_or_it_is_marked_idempotent()
    {
        var options = new TransportOptions { MaxAttempts = 4, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        using var connection = sandbox.Billbee(options, throttle: false);
        WriteCase.Sample(c =>
        {
            sandbox.Reset();
            sandbox.Server.State.Faults.Add(new FaultRule { Kind = c.Fault, Service = "billbee", Method = c.Method, Count = c.Faults, RetryAfterSeconds = 0 });
            var request = new ApiRequest(new HttpMethod(c.Method), "orders/5/tags") { Idempotent = c.Idempotent ? true : null }.WithJsonBody("{\"Tags\":[\"p\"]}");
            ServiceException error = null;
            try { connection.Client.Transport.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult(); }
            catch (ServiceException ex) { error = ex; }
            SpinWait.SpinUntil(() => sandbox.Server.State.InFlight == 0, TimeSpan.FromSeconds(30));
            var sent = sandbox.Server.State.Log.Snapshot("billbee").Where(r => r.Method == c.Method).ToList();
            // The invariant: a write the service may have acted on (any answer but a 429) is never sent again, unless
            // marked idempotent. 429s (injected, or the sandbox's own per-key limit) are refusals before processing.
            // (A malformed 200 is a success here: the raw send parses nothing.)
            var mayHaveActed = sent.Count(r => r.Status != 429);
            if (!c.Idempotent && mayHaveActed > 1) throw new Exception($"{c}: sent {sent.Count}, {mayHaveActed} of them may have been acted on ({error?.ErrorId})");
            if (c.Idempotent && c.Fault is not (FaultKind.Status429 or FaultKind.Malformed) && sent.Count < Math.Min(options.MaxAttempts, c.Faults + 1)) throw new Exception($"{c}: an idempotent write was not retried ({sent.Count} sent)");
            var faultedLast = sent.Count > 0 && sent[^1].Fault != null && sent[^1].Status != 429 && c.Fault != FaultKind.Malformed;
            if (!c.Idempotent && faultedLast && error?.Reason != ErrorReason.OutcomeUnknown) throw new Exception($"{c}: {error?.ErrorId ?? "success"} instead of OutcomeUnknown");
        }, iter: FuzzScale.Iter(40), threads: 1);
    }
}
