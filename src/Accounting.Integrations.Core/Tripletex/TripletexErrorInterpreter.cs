using System.Linq;
using System.Text.Json;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex's error body (status, code, message, developerMessage, validationMessages, requestId) in plain words.</summary>
    internal sealed class TripletexErrorInterpreter : IErrorInterpreter
    {
        public const string Service = "Tripletex";
        public const string NewKeySteps = "In Tripletex: Selskap > Ansatte > (the employee) > API-tilgang > Ny nøkkel; the key is shown once.";

        public string RequestIdOf(ApiResponse response) => response.Header("x-tlx-request-id");

        public ServiceException Interpret(ApiResponse response)
        {
            string code = null, message = null, developer = null, fields = null;
            try
            {
                using (var doc = JsonElementReader.Parse(response))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        code = root.Str("code");
                        message = root.Str("message");
                        developer = root.Str("developerMessage");
                        fields = string.Join("; ", root.Array("validationMessages").Select(v => v.Str("field") + ": " + v.Str("message")));
                    }
                }
            }
            catch (System.Exception ex) when (ex is JsonException || ex is System.FormatException) { }
            var detail = string.Join(" ", new[] { message, developer, string.IsNullOrEmpty(fields) ? null : "(" + fields + ")" }.Where(s => !string.IsNullOrEmpty(s)));
            var requestId = RequestIdOf(response);
            ServiceException Make(ErrorReason reason, string summary, string fix, bool transient = false) =>
                new ServiceException(Service, reason, summary, response.StatusCode, code, detail, requestId, transient, recommendedAction: fix);

            if (fields != null && fields.Contains("arg:employeeToken"))
                return Make(ErrorReason.Authentication, "Tripletex refused the employee token (wrong, expired or revoked)",
                    "Create a new employee token. " + NewKeySteps);
            if (fields != null && fields.Contains("arg:consumerToken"))
                return Make(ErrorReason.ApiKey, "Tripletex refused the consumer token (wrong, or from the other environment)",
                    "Check the consumer token and -Environment: production and test tokens are separate (test tokens start with 'test-').");
            switch (response.StatusCode)
            {
                case 401:
                    return Make(ErrorReason.Authentication, "Tripletex refused the session (expired, deleted, or from a revoked employee token)",
                        "Run New-TripletexSession; if that fails too, create a new employee token. " + NewKeySteps);
                case 403:
                    return Make(ErrorReason.Authorization, "The employee token lacks the right for this",
                        "In Tripletex, give the key the rights it needs (API-tilgang > the application's name in blue), or choose \"Alle tilganger\"; the Integrasjoner add-on must be active (Selskap > Mitt abonnement).");
                case 404:
                    return Make(ErrorReason.NotFound, "Tripletex has no such object", "Check the id.");
                case 409:
                    return Make(ErrorReason.Conflict, "Tripletex refused a conflicting change", "Read the object again and retry with its current version.");
                case 429:
                    // ASSUMPTION (the spec does not say): Tripletex throttles before it processes, so ApiTransport may resend a write refused with 429.
                    return Make(ErrorReason.RateLimited, "Tripletex throttled the call", "Wait for the period to end; the module pauses on X-Rate-Limit-Remaining: 0.", true);
                default:
                    if (response.StatusCode >= 500)
                        return Make(ErrorReason.ServerError, "Tripletex failed to process the call", "Try again later; quote the request id to Tripletex support.", true);
                    return Make(ErrorReason.Validation, "Tripletex rejected the request", "Correct the fields named in the message.");
            }
        }
    }
}
