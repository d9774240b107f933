namespace Accounting.Integrations.Core.Tracing
{
    /// <summary>
    /// An observer that also takes warnings: what the core recovered from or could not verify (a session
    /// ended early, a list that may be capped). Separate from <see cref="ICallObserver"/> so that existing
    /// observers need not change; the core reports through <see cref="CallObserverScope.Warn"/>, which redacts the message first.
    /// </summary>
    public interface IWarningObserver
    {
        void OnWarning(string message);
    }
}
