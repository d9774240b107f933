namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// The catalogue of ErrorIds: a public contract that scripts match on. Service errors are
    /// "Service.Reason" (reasons from Accounting.Integrations.Core.Errors.ErrorReason, e.g. Billbee.PagingStalled
    /// when a paged read's cursor stops moving); the module's own are listed here.
    /// </summary>
    internal static class ErrorIds
    {
        public const string InvalidParameter = "Module.InvalidParameter";
        public const string NotConnected = "Module.NotConnected";
        public const string SecretNotFound = "Module.SecretNotFound";
        public const string SecretManagementMissing = "Module.SecretManagementMissing";
        public const string ProfileInvalid = "Module.ProfileInvalid";
        public const string Unexpected = "Module.Unexpected";
        public const string SandboxNotFound = "Module.SandboxNotFound";
        public const string SandboxFailed = "Module.SandboxFailed";
    }
}
