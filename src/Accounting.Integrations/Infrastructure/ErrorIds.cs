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
        /// <summary>A second read of a checkpoint while one is running (it would deliver the same records twice).</summary>
        public const string CheckpointInUse = "Module.CheckpointInUse";
        /// <summary>A file the module must write or read is read-only, immutable or not permitted to this account.</summary>
        public const string FileAccessDenied = "Module.FileAccessDenied";
        /// <summary>Another command holds the file's lock for longer than the module waits.</summary>
        public const string FileInUse = "Module.FileInUse";
        /// <summary>Any other failure to write or read a file (disk full, I/O error).</summary>
        public const string FileFailed = "Module.FileFailed";
    }
}
