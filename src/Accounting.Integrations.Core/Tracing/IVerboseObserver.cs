namespace Accounting.Integrations.Core.Tracing
{
    /// <summary>
    /// An observer that also takes verbose notes: how the core chose to do something the user may want to know
    /// (e.g. pacing an account per process because the machine-wide budget file cannot be used). Reported through
    /// <see cref="CallObserverScope.Verbose"/>, which redacts the message first.
    /// </summary>
    public interface IVerboseObserver
    {
        void OnVerbose(string message);
    }
}
