using System.Text.Json;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.Billbee
{
    /// <summary>Billbee failures in plain words: HTTP status first, then the envelope's ErrorCode (billbee.md §2, §4).</summary>
    internal sealed class BillbeeErrorInterpreter : IErrorInterpreter
    {
        public const string Service = "Billbee";
        const string ApiSettings = "Billbee: Settings → System → Billbee API";

        public string RequestIdOf(ApiResponse response) => response.Header("X-Request-Id");

        public ServiceException Interpret(ApiResponse response)
        {
            ReadBody(response.Body, out var message, out var code);
            var status = response.StatusCode;
            // An envelope's own code is more precise than the status (e.g. a 403 that means "API not activated").
            if (code.HasValue && code.Value != 0 && status != 429 && status < 500) return FromEnvelope(code.Value, message, response);
            switch (status)
            {
                case 401:
                    return Error(ErrorReason.Authentication, "Billbee refused the username or API password", response, message, code,
                        $"Check the username and the API password ({ApiSettings}); the API password is not the login password.");
                case 403:
                    // Assumption (billbee.md §2, §11.1): a missing, unknown or revoked developer key is refused with 403.
                    return Error(ErrorReason.ApiKey, "Billbee refused the developer API key (missing, unknown or revoked)", response, message, code,
                        "Check the X-Billbee-Api-Key value; Billbee support issues developer keys by e-mail.");
                case 404:
                    return Error(ErrorReason.NotFound, "Billbee has no such resource", response, message, code,
                        "Check the id, and that the base URL ends in /api/v1.");
                case 429:
                    return Error(ErrorReason.RateLimited, "Billbee throttled the call", response, message, code,
                        "Wait and try again; Billbee allows " + BillbeeClient.LimitsFor(BillbeeClient.EndpointOf(response.RequestUri)) + ".");
                default:
                    if (status >= 500)
                        return Error(ErrorReason.ServerError, "Billbee failed to process the call", response, message, code,
                            "Try again later; if it persists, contact Billbee support with the time of the call.");
                    return Error(ErrorReason.Validation, "Billbee rejected the request", response, message, code,
                        "Check the parameters against Billbee's API documentation.");
            }
        }

        public static ServiceException FromEnvelope(int code, string message, ApiResponse response)
        {
            switch (code)
            {
                case 1:
                    return Error(ErrorReason.NotActivated, "The Billbee API is not activated for this account", response, message, code,
                        $"Switch the API on in {ApiSettings} and set an API password.");
                case 16:
                case 17:
                    return Error(ErrorReason.NotActivated, "The Billbee account has no booked API service", response, message, code,
                        "Book the API service for the account in Billbee, then try again.");
                case 2:
                    return Error(ErrorReason.NotFound, "Billbee found no such order", response, message, code, "Check the order id.");
                case 8:
                    return new ServiceException(Service, ErrorReason.ServerError, "Billbee reported an internal error", response.StatusCode,
                        code.ToString(), message, isTransient: true, recommendedAction: "Try again later.");
                default:
                    return Error(ErrorReason.Validation, "Billbee rejected the request", response, message, code,
                        "Check the parameters against Billbee's API documentation.");
            }
        }

        static ServiceException Error(ErrorReason reason, string summary, ApiResponse response, string message, int? code, string fix) =>
            new ServiceException(Service, reason, summary, response.StatusCode, code?.ToString(), message,
                response.Header("X-Request-Id"), recommendedAction: fix);

        static void ReadBody(string body, out string message, out int? code)
        {
            message = null;
            code = null;
            if (string.IsNullOrWhiteSpace(body)) return;
            try
            {
                using (var doc = JsonElementReader.Parse(body))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return;
                    message = root.Str("ErrorMessage") ?? root.Str("Message");
                    code = root.Int("ErrorCode");
                }
            }
            catch (JsonException) { message = body.Length > 200 ? body.Substring(0, 200) : body; }
            catch (System.FormatException) { }
        }
    }
}
