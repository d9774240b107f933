using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>Turns core failures into ErrorRecords: stable ErrorId, matching category, the input as target, a fix.</summary>
    internal static class ErrorRecordFactory
    {
        public static ErrorRecord FromException(Exception exception, object target)
        {
            if (exception is AggregateException agg && agg.InnerExceptions.Count == 1) exception = agg.InnerException;
            if (exception is ServiceException se)
            {
                return new ErrorRecord(se, se.ErrorId, CategoryOf(se.Reason), target)
                {
                    ErrorDetails = new ErrorDetails(se.Message) { RecommendedAction = se.RecommendedAction },
                };
            }
            if (exception is ArgumentException arg) return InvalidParameter(arg.ParamName, arg.Message, target);
            var safe = new RedactedException(exception.GetType().FullName, SecretRedactor.Redact(exception.Message));
            return new ErrorRecord(safe, ErrorIds.Unexpected, ErrorCategory.NotSpecified, target);
        }

        /// <summary>
        /// The error for bad input: names the parameter and the fix, and is raised before anything changes.
        /// The message is redacted, since it may describe a value the user typed.
        /// </summary>
        public static ErrorRecord InvalidParameter(string parameter, string message, object target,
            string errorId = ErrorIds.InvalidParameter, ErrorCategory category = ErrorCategory.InvalidArgument)
        {
            return new ErrorRecord(new ArgumentException(SecretRedactor.Redact(message), parameter), errorId, category, target);
        }

        public static ErrorCategory CategoryOf(ErrorReason reason)
        {
            switch (reason)
            {
                case ErrorReason.Authentication:
                case ErrorReason.ApiKey: return ErrorCategory.AuthenticationError;
                case ErrorReason.Authorization: return ErrorCategory.PermissionDenied;
                case ErrorReason.NotActivated: return ErrorCategory.NotEnabled;
                case ErrorReason.NotFound: return ErrorCategory.ObjectNotFound;
                case ErrorReason.Validation: return ErrorCategory.InvalidData;
                case ErrorReason.Conflict: return ErrorCategory.ResourceExists;
                case ErrorReason.RateLimited:
                case ErrorReason.QuotaExhausted: return ErrorCategory.LimitsExceeded;
                case ErrorReason.ServerError: return ErrorCategory.ResourceUnavailable;
                case ErrorReason.MalformedResponse:
                case ErrorReason.PagingStalled: return ErrorCategory.InvalidResult;
                case ErrorReason.Timeout: return ErrorCategory.OperationTimeout;
                case ErrorReason.Network:
                case ErrorReason.DnsFailure: return ErrorCategory.ConnectionError;
                case ErrorReason.Tls: return ErrorCategory.SecurityError;
                case ErrorReason.Configuration: return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
