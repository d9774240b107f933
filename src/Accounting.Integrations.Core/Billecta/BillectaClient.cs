using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Diagnostics;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta REST v1 reads: creditors, debtors, open and closed invoices, incoming payments (billecta.md §3-4).</summary>
    public sealed class BillectaClient : IDisposable
    {
        const string Service = BillectaErrorInterpreter.Service;
        readonly BillectaConnection _connection;
        readonly ApiTransport _transport;

        internal BillectaClient(BillectaConnection connection, Uri baseUri, TransportOptions options)
        {
            _connection = connection;
            _transport = new ApiTransport(Service, baseUri, options, null, new BillectaErrorInterpreter(), (message, ct) =>
            {
                message.Headers.TryAddWithoutValidation("Authorization", connection.Authorization.Reveal());
                message.Headers.TryAddWithoutValidation("Accept", "application/json");
                return Task.CompletedTask;
            });
        }

        /// <summary>
        /// GET /v1/creditors/creditors, timed. A refusal is tried once against the other environment too, so
        /// that credentials of the wrong environment are told apart from a wrong password.
        /// </summary>
        public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var result = new ConnectionTestResult { Service = Service, Check = _connection.Environment.ToString(), BaseUrl = _connection.BaseUri.AbsoluteUri };
            try
            {
                var creditors = await GetCreditorsAsync(cancellationToken).ConfigureAwait(false);
                result.Success = true;
                result.Latency = watch.Elapsed;
                result.Details["Creditors"] = creditors.Count;
                result.Details["CreditorNames"] = string.Join(", ", creditors.Select(c => c.Name));
                result.Details["Scheme"] = _connection.Scheme;
                return result;
            }
            catch (ServiceException ex)
            {
                var failed = ConnectionTestResult.Failed(Service, _connection.BaseUri.AbsoluteUri, ex, watch.Elapsed);
                failed.Check = _connection.Environment.ToString();
                if (ex.Reason == ErrorReason.Authentication && _connection.OtherEnvironmentUri != null && await WorksInOtherEnvironmentAsync(cancellationToken).ConfigureAwait(false))
                {
                    var other = _connection.Environment == BillectaEnvironment.Test ? "Production" : "Test";
                    failed.Cause = $"These credentials belong to Billecta's {other} environment, not {_connection.Environment}";
                    failed.Fix = $"Connect with -Environment {other}; test and production logins are separate.";
                    failed.ErrorId = Service + ".Configuration";
                }
                else if (ex.Reason == ErrorReason.Authentication && _connection.OtherEnvironmentUri == null)
                    failed.Details["OtherEnvironment"] = "Not tried: the base URL was given for this environment only; add -OtherEnvironmentUrl to check whether the login belongs to the other one.";
                return failed;
            }
        }

        async Task<bool> WorksInOtherEnvironmentAsync(CancellationToken cancellationToken)
        {
            // The connection's own options (its proxy above all), but one quick attempt: this is a diagnosis, not the call.
            var options = (_connection.Options ?? new TransportOptions()).Clone();
            options.MaxAttempts = 1;
            options.AttemptTimeout = TimeSpan.FromSeconds(Math.Min(15, options.AttemptTimeout.TotalSeconds));
            using (var other = new BillectaClient(_connection, _connection.OtherEnvironmentUri, options))
            {
                try
                {
                    await other.GetCreditorsAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (ServiceException) { return false; }
            }
        }

        /// <summary>POST /v1/authentication/apiauthenticate with the connection's Basic value: a SecureToken header value (billecta.md §2.2).</summary>
        public async Task<Security.Secret> ExchangeForSecureTokenAsync(CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, "authentication/apiauthenticate").WithBody(new byte[0], null);
            request.Idempotent = true; // a new token per call, nothing else changes
            var token = await _transport.SendAsync(request, response =>
            {
                using (var doc = JsonElementReader.Parse(response.Body))
                    return doc.RootElement.Str("Value") ?? throw new FormatException("Billecta returned no token Value.");
            }, cancellationToken).ConfigureAwait(false);
            Security.Secret.FromPlainText(token);
            return Security.Secret.FromPlainText(BillectaAuthorization.SecureToken(token));
        }

        public Task<IReadOnlyList<BillectaCreditor>> GetCreditorsAsync(CancellationToken cancellationToken) =>
            GetListAsync("creditors/creditors", e => new BillectaCreditor
            {
                CreditorPublicId = e.Str("CreditorPublicId"), OrgNo = e.Str("OrgNo"), Name = e.Str("Name"), IsEnabled = e.Bool("IsEnabled") ?? true,
            }, cancellationToken);

        public Task<IReadOnlyList<BillectaDebtor>> GetDebtorsAsync(string creditorPublicId, CancellationToken cancellationToken) =>
            GetListAsync("debtors/debtors/" + Uri.EscapeDataString(creditorPublicId), e => new BillectaDebtor
            {
                DebtorPublicId = e.Str("DebtorPublicId"), CreditorPublicId = e.Str("CreditorPublicId"), DebtorExternalId = e.Str("DebtorExternalId"),
                OrgNo = e.Str("OrgNo"), Name = e.Str("Name"), Email = e.Str("Email"), DebtorType = e.Str("DebtorType"), IsActive = e.Bool("IsActive") ?? true,
            }, cancellationToken);

        public Task<IReadOnlyList<BillectaInvoice>> GetOpenInvoicesAsync(string creditorPublicId, CancellationToken cancellationToken) =>
            GetListAsync("invoice/open/" + Uri.EscapeDataString(creditorPublicId), e => ReadInvoice(e, true), cancellationToken);

        /// <summary>Invoices closed (fully paid, credited…) between the two dates.</summary>
        public Task<IReadOnlyList<BillectaInvoice>> GetClosedInvoicesAsync(string creditorPublicId, DateTime from, DateTime to, CancellationToken cancellationToken) =>
            GetListAsync("invoice/closed/" + Uri.EscapeDataString(creditorPublicId) + "?from=" + Day(from) + "&to=" + Day(to), e => ReadInvoice(e, false), cancellationToken);

        public async Task<IReadOnlyList<BillectaPayment>> GetIncomingPaymentsAsync(string creditorPublicId, DateTime from, DateTime to, CancellationToken cancellationToken)
        {
            var body = "{\"CreditorPublicId\":" + JsonString(creditorPublicId) + ",\"From\":\"" + Day(from) + "\",\"To\":\"" + Day(to) + "\"}";
            var request = new ApiRequest(HttpMethod.Put, "payments/incomingpayments").WithJsonBody(body);
            request.Idempotent = true; // a search sent as PUT: repeating it changes nothing
            return await _transport.SendAsync(request, response => ReadArray(response, e =>
            {
                var amount = e.Obj("Amount");
                return new BillectaPayment
                {
                    PaymentReferenceId = e.Str("PaymentReferenceId"), CreditorPublicId = e.Str("CreditorPublicId"), ActionPublicId = e.Str("ActionPublicId"),
                    InvoiceNumber = e.Str("InvoiceNumber"), DebtorName = e.Str("DebtorName"), Amount = Money(amount), Currency = Currency(amount),
                    PaymentDate = DateOf(e.Str("PaymentDate")), PaymentMeanCode = e.Str("PaymentMeanCode"),
                };
            }), cancellationToken).ConfigureAwait(false);
        }

        async Task<IReadOnlyList<T>> GetListAsync<T>(string path, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
            await _transport.SendAsync(new ApiRequest(HttpMethod.Get, path), response => ReadArray(response, read), cancellationToken).ConfigureAwait(false);

        /// <summary>Lists are plain JSON arrays (billecta.md §4.8).</summary>
        static IReadOnlyList<T> ReadArray<T>(ApiResponse response, Func<JsonElement, T> read)
        {
            using (var doc = JsonElementReader.Parse(response.Body))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException("Billecta answered with something other than a list.");
                return doc.RootElement.EnumerateArray().Select(read).ToList();
            }
        }

        static BillectaInvoice ReadInvoice(JsonElement e, bool open)
        {
            var invoiced = e.Obj("InvoicedAmount");
            var current = e.Obj("CurrentAmount");
            return new BillectaInvoice
            {
                ActionPublicId = e.Str("ActionPublicId"), CreditorPublicId = e.Str("CreditorPublicId"), DebtorPublicId = e.Str("DebtorPublicId"),
                DebtorName = e.Str("DebtorName"), InvoiceNumber = e.Str("InvoiceNumber"), Stage = e.Str("Stage"),
                InvoiceDate = DateOf(e.Str("InvoiceDate")), DueDate = DateOf(e.Str("DueDate")), ClosedDate = DateOf(e.Str("ClosedDate")),
                InvoicedAmount = Money(invoiced), CurrentAmount = Money(current), Currency = Currency(invoiced) ?? Currency(current), IsOpen = open,
            };
        }

        /// <summary>Amounts travel in minor units with a display value (billecta.md §6).</summary>
        static decimal? Money(JsonElement amount)
        {
            if (amount.ValueKind != JsonValueKind.Object) return null;
            var minor = amount.Decimal("Value");
            return minor.HasValue ? minor.Value / 100m : amount.Decimal("ValueForView");
        }

        static string Currency(JsonElement amount) => amount.ValueKind == JsonValueKind.Object ? amount.Str("CurrencyCode") : null;

        /// <summary>"YYYY-MM-DD HH:MM:SS+HH:MM" (Stockholm time), or with a T, or without an offset.</summary>
        static DateTimeOffset? DateOf(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var formats = new[] { "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd" };
            if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var d)) return d;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out d)) return d;
            throw new FormatException("Not a Billecta date: " + text);
        }

        static string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        static string JsonString(string s) => "\"" + (s ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        public void Dispose() => _transport.Dispose();
    }
}
