using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Errors;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// The catalogue of ErrorIds: a public contract that scripts match on. Service errors are
    /// "Service.Reason" (reasons from <see cref="ErrorReason"/>); the module's own are listed here.
    /// </summary>
    internal static class ErrorIds
    {
        public const string InvalidParameter = "Module.InvalidParameter";
        public const string NotConnected = "Module.NotConnected";
        public const string SecretNotFound = "Module.SecretNotFound";
        public const string SecretManagementMissing = "Module.SecretManagementMissing";
        public const string ProfileInvalid = "Module.ProfileInvalid";
        public const string Unexpected = "Module.Unexpected";

        public static readonly string[] Services = { "Billbee", "Tripletex", "Billecta", "Lime", "IFirma" };

        /// <summary>Every id the module can emit.</summary>
        public static IEnumerable<string> All =>
            new[] { InvalidParameter, NotConnected, SecretNotFound, SecretManagementMissing, ProfileInvalid, Unexpected }
                .Concat(from s in Services from ErrorReason r in System.Enum.GetValues(typeof(ErrorReason)) select s + "." + r);
    }
}
