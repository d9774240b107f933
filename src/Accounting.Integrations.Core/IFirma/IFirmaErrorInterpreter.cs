using System.Text.Json;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>iFirma's numeric result codes (ifirma.md §4) in plain words; they arrive inside HTTP 200 envelopes.</summary>
    internal sealed class IFirmaErrorInterpreter : IErrorInterpreter
    {
        public const string Service = "IFirma";
        public const string ApiPanel = "iFirma: Login > Konfiguracja > Rozszerzenia i integracje > API";

        public string RequestIdOf(ApiResponse response) => null;

        public ServiceException Interpret(ApiResponse response)
        {
            if (TryEnvelope(response.Body, out var code, out var info) && code != 0) return FromCode(code, info, response, null);
            // ASSUMPTION (the spec does not say): iFirma throttles before it processes, so ApiTransport may resend a write refused with 429.
            if (response.StatusCode == 429)
                return new ServiceException(Service, ErrorReason.RateLimited, "iFirma throttled the call", 429, null, info, isTransient: true,
                    recommendedAction: "iFirma allows 100 calls a minute and 15 000 a day per user; wait and try again.");
            if (response.StatusCode >= 500)
                return new ServiceException(Service, ErrorReason.ServerError, "iFirma failed to process the call", response.StatusCode, null, info, isTransient: true,
                    recommendedAction: "Try again later.");
            return new ServiceException(Service, ErrorReason.Validation, "iFirma rejected the request", response.StatusCode, null, info,
                recommendedAction: "Check the request against api.ifirma.pl.");
        }

        internal static bool TryEnvelope(string body, out int code, out string info)
        {
            code = 0;
            info = null;
            if (string.IsNullOrWhiteSpace(body)) return false;
            try
            {
                using (var doc = JsonElementReader.Parse(body))
                {
                    var response = doc.RootElement.Obj("response");
                    if (response.ValueKind != JsonValueKind.Object) return false;
                    code = response.Int("Kod") ?? 0;
                    info = response.Str("Informacja");
                    return true;
                }
            }
            catch (JsonException) { return false; }
        }

        /// <summary>
        /// What a refused signature looks like (ifirma.md §4): Kod 400 (unreadable Authentication header), 401
        /// (unknown login), 402 (no key generated for the area) or 403 (the hash does not match).
        /// </summary>
        public static bool IsSignatureRefusal(int code) => code >= 400 && code <= 403;

        /// <summary>
        /// Whether a refusal came after iFirma accepted the signature: an envelope code that is not a signature
        /// refusal, and says something about the document or the account rather than the service (100) or the
        /// terms and package (499, 500), which a key check must not call a pass.
        /// ASSUMPTION (ifirma.md §4 lists the codes, not their order): iFirma checks the signature before the
        /// content, so any content code (200, 201, 202, 208, …) means the key signed correctly.
        /// </summary>
        public static bool PassedSignatureCheck(ServiceException ex)
        {
            if (ex.Service != Service || !int.TryParse(ex.ServiceCode, out var code) || code == 0) return false;
            if (IsSignatureRefusal(code) || code == 100 || code == 101 || code == 102 || code == 499 || code == 500) return false;
            return ex.Reason == ErrorReason.Validation || ex.Reason == ErrorReason.Configuration || ex.Reason == ErrorReason.NotFound;
        }

        public static ServiceException FromCode(int code, string info, ApiResponse response, string keyName)
        {
            var key = keyName == null ? "the key" : $"the '{keyName}' key";
            ServiceException Make(ErrorReason reason, string summary, string fix, bool transient = false) =>
                new ServiceException(Service, reason, summary, response.StatusCode, code.ToString(), info, isTransient: transient, recommendedAction: fix);
            if (info != null && info.IndexOf("limit", System.StringComparison.OrdinalIgnoreCase) >= 0)
                return Make(ErrorReason.QuotaExhausted, "iFirma refused the call: the monthly API limit is used up",
                    $"Ask for a higher limit in {ApiPanel} > Limity API (Request-IFirmaApiLimit gives the values).");
            switch (code)
            {
                case 100: return Make(ErrorReason.ServerError, "iFirma had a technical problem", "Try again later.", true);
                case 101: return Make(ErrorReason.Validation, "iFirma could not read the text encoding", "Send UTF-8 (a module bug if it happens: please report it).");
                case 102: return Make(ErrorReason.Validation, "iFirma missed the content type", "Send Content-Type: application/json (a module bug if it happens).");
                case 200:
                case 201: return Make(ErrorReason.Validation, "iFirma rejected the document's content", "Correct the fields named in the message (dates must lie in the accounting month).");
                case 202: return Make(ErrorReason.Configuration, "iFirma's account settings do not allow this", "Check the account's settings, e.g. the accounting month, in iFirma.");
                case 208: return Make(ErrorReason.NotFound, "iFirma found no matching contractor", "Check the search phrase or NIP.");
                case 400: return Make(ErrorReason.Authentication, "iFirma could not read the Authentication header", "A module bug if it happens: please report it.");
                case 401: return Make(ErrorReason.Authentication, "iFirma does not know this login", "Use the iFirma login (usually an e-mail address) in -Login.");
                case 402: return Make(ErrorReason.ApiKey, $"No API key has been generated for {key}'s area", $"Generate it in {ApiPanel} (wygeneruj), then pass it to Connect-IFirma.");
                case 403: return Make(ErrorReason.ApiKey, $"iFirma refused the signature made with {key}", $"Regenerate this key in {ApiPanel} (przegeneruj) and use the new one.");
                case 499: return Make(ErrorReason.NotActivated, "iFirma's terms of service have not been accepted", "Log in to ifirma.pl and accept the terms.");
                case 500: return Make(ErrorReason.Authorization, "The iFirma package does not include this", "Check the account's iFirma package, or write to bok@ifirma.pl with the login.");
                default: return Make(ErrorReason.Validation, "iFirma refused the call", "See the message from iFirma.");
            }
        }
    }
}
