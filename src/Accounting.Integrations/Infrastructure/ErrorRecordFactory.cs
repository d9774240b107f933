using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
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
            if (exception is FileAccessException file) return FromFileProblem(file, null, target);
            var safe = new RedactedException(exception.GetType().FullName, SecretRedactor.Redact(exception.Message));
            return new ErrorRecord(safe, ErrorIds.Unexpected, ErrorCategory.NotSpecified, target);
        }

        /// <summary>
        /// A file the module could not write or read: a missing folder, a folder given for a file or a file too big is
        /// bad input naming <paramref name="parameter"/>; access denied, in use or an I/O failure names the file. Nothing was changed.
        /// </summary>
        public static ErrorRecord FromFileProblem(FileAccessException ex, string parameter, object target)
        {
            switch (ex.Problem)
            {
                case FileProblem.FolderMissing:
                case FileProblem.IsDirectory:
                case FileProblem.NotAFile:
                case FileProblem.TooLarge:
                    return InvalidParameter(parameter, (parameter == null ? "" : "-" + parameter + ": ") + ex.Message, target ?? ex.FilePath);
            }
            var (id, category) = ex.Problem == FileProblem.AccessDenied ? (ErrorIds.FileAccessDenied, ErrorCategory.PermissionDenied)
                : ex.Problem == FileProblem.InUse ? (ErrorIds.FileInUse, ErrorCategory.ResourceBusy)
                : (ErrorIds.FileFailed, ErrorCategory.WriteError);
            return new ErrorRecord(ex, id, category, ex.FilePath)
            {
                ErrorDetails = new ErrorDetails(SecretRedactor.Redact(ex.Message)) { RecommendedAction = ex.Fix },
            };
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
