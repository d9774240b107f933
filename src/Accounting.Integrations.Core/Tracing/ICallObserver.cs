namespace Accounting.Integrations.Core.Tracing
{
    /// <summary>
    /// Receives what happens during a call: each HTTP exchange, each retry, each page. Implementations
    /// must be thread-safe; the cmdlets' implementation queues events for the pipeline thread.
    /// Every text handed over has already been redacted.
    /// </summary>
    public interface ICallObserver
    {
        void OnHttpExchange(HttpExchange exchange);
        void OnRetry(RetryNotice notice);
        void OnPage(PageProgress progress);
    }
}
