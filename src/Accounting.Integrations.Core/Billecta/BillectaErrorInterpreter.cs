using System.Text.Json;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.Billecta
{
    /// <summary>Billecta's error body {Message, ExternalErrorCode} (billecta.md §5) in plain words.</summary>
    internal sealed class BillectaErrorInterpreter : IErrorInterpreter
    {
        public const string Service = "Billecta";

        public string RequestIdOf(ApiResponse response) => null;

        public ServiceException Interpret(ApiResponse response)
        {
            string message = null, code = null;
            try
            {
                using (var doc = JsonElementReader.Parse(response))
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        message = doc.RootElement.Str("Message");
                        code = doc.RootElement.Str("ExternalErrorCode");
                    }
            }
            catch (System.Exception ex) when (ex is JsonException || ex is System.FormatException) { }
            ServiceException Make(ErrorReason reason, string summary, string fix, bool transient = false) =>
                new ServiceException(Service, reason, summary, response.StatusCode, code, message, isTransient: transient, recommendedAction: fix);
            switch (response.StatusCode)
            {
                case 401: return Make(ErrorReason.Authentication, "Billecta refused the credentials", "Check the API user's e-mail and password (or token); test and production logins are separate.");
                case 403: return Make(ErrorReason.Authorization, "The Billecta user lacks rights for this", "Give the API user rights on the creditor in Billecta's portal.");
                case 404: return Make(ErrorReason.NotFound, "Billecta has no such object", "Check the id.");
                case 429: return Make(ErrorReason.RateLimited, "Billecta throttled the call", "Wait and try again.", true);
                default:
                    if (response.StatusCode >= 500) return Make(ErrorReason.ServerError, "Billecta failed to process the call", "Try again later; the test environment restarts often.", true);
                    return Make(ErrorReason.Validation, "Billecta rejected the request", "See Billecta's message.");
            }
        }
    }
}
