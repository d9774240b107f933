using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Policies
{
    /// <summary>What the policy cmdlets share: where the baselines are, reading a document with a clear error, and one error record per finding.</summary>
    internal static class PolicyCmdletSupport
    {
        public const string DocumentInvalid = "Policy.DocumentInvalid";
        public const string Missing = "Policy.Missing";
        public const string Excess = "Policy.Excess";
        public const string LintFailed = "Policy.LintFailed";
        public const string SelfLockout = "Policy.SelfLockout";

        /// <summary>The cmdlet's parameters by name, for the policy sections to read their own (<see cref="PolicyInputs"/>).</summary>
        public static PolicyInputs Inputs(PSCmdlet cmdlet) =>
            new PolicyInputs(
                cmdlet.GetType().GetProperties().Where(p => p.IsDefined(typeof(ParameterAttribute), true)).ToDictionary(p => p.Name, p => p.GetValue(cmdlet), StringComparer.OrdinalIgnoreCase),
                cmdlet.MyInvocation.BoundParameters.Keys);

        public static PolicyBaselines Baselines =>
            new PolicyBaselines(Path.Combine(Path.GetDirectoryName(typeof(PolicyCmdletSupport).Assembly.Location) ?? ".", "policies"));

        /// <summary>Reads the document; a missing file or a malformed one becomes an ErrorRecord that names the file and line.</summary>
        public static PolicyDocument Read(PSCmdlet cmdlet, string path, string parameterName, out ErrorRecord error)
        {
            error = null;
            error = FileSystemPath.TryResolve(cmdlet, path, parameterName, out var full);
            if (error != null) return null;
            if (!File.Exists(full))
            {
                error = ErrorRecordFactory.InvalidParameter(parameterName, $"The policy document {full} does not exist. Create one with New-IntegrationPolicy -Path.", path);
                return null;
            }
            try { return PolicyDocumentReader.ReadFile(full); }
            catch (PolicyDocumentException ex)
            {
                error = new ErrorRecord(ex, DocumentInvalid, ErrorCategory.InvalidData, full)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Fix the document at that line; about_IntegrationPolicy describes the format." },
                };
                return null;
            }
        }

        /// <summary>A Missing or Excess finding as a non-terminating error, so a scheduled check fails loudly.</summary>
        public static ErrorRecord FindingError(PolicyComparison c)
        {
            var what = c.Status == PolicyStatus.Missing ? "lacks" : "has, beyond the document,";
            var message = $"{c.Service} {c.Policy}: {c.Group} {what} {c.Right}{(c.Target == null ? "" : " on " + c.Target)}. {c.Detail}";
            return new ErrorRecord(new InvalidOperationException(message), c.Status == PolicyStatus.Missing ? Missing : Excess, ErrorCategory.PermissionDenied, c)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = c.Fix },
            };
        }
    }
}
