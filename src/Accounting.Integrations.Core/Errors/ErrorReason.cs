namespace Accounting.Integrations.Core.Errors
{
    /// <summary>Why a call failed, in terms a sysadmin can act on. The name is the second half of every ErrorId.</summary>
    public enum ErrorReason
    {
        Unknown = 0,
        Authentication,
        ApiKey,
        Authorization,
        NotActivated,
        NotFound,
        Validation,
        Conflict,
        RateLimited,
        QuotaExhausted,
        ServerError,
        MalformedResponse,
        Timeout,
        Network,
        Tls,
        DnsFailure,
        Configuration,
        /// <summary>A paged read whose next request could not move past the last answer (a cursor that stalls or repeats).</summary>
        PagingStalled,
        /// <summary>A call that changes data failed in a way that leaves open whether the service acted on it.</summary>
        OutcomeUnknown,
        /// <summary>The answer was larger than the module reads (a cap that keeps memory bounded).</summary>
        ResponseTooLarge,
    }
}
