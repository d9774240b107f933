using System;
using System.Threading;

namespace Accounting.Integrations.Core.Tracing
{
    /// <summary>
    /// The observer for the current async flow. A caller sets it around a piece of work; every call the
    /// core makes inside reports to it, without the service clients having to pass it along.
    /// </summary>
    public static class CallObserverScope
    {
        static readonly AsyncLocal<ICallObserver> CurrentObserver = new AsyncLocal<ICallObserver>();

        public static ICallObserver Current => CurrentObserver.Value;

        /// <summary>Hands a warning to the current observer when it takes warnings; otherwise it is dropped.</summary>
        public static void Warn(string message) => (CurrentObserver.Value as IWarningObserver)?.OnWarning(Security.SecretRedactor.Redact(message));

        /// <summary>Hands a verbose note to the current observer when it takes them; otherwise it is dropped.</summary>
        public static void Verbose(string message) => (CurrentObserver.Value as IVerboseObserver)?.OnVerbose(Security.SecretRedactor.Redact(message));

        public static IDisposable Begin(ICallObserver observer)
        {
            var previous = CurrentObserver.Value;
            CurrentObserver.Value = observer;
            return new Restore(previous);
        }

        sealed class Restore : IDisposable
        {
            readonly ICallObserver _previous;
            public Restore(ICallObserver previous) { _previous = previous; }
            public void Dispose() => CurrentObserver.Value = _previous;
        }
    }
}
