using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that calls a service. The async core runs in the background; its output is
    /// drained here on the pipeline thread (the only thread allowed to write). Ctrl+C cancels the
    /// module's own token, which every send, read and retry delay observes.
    /// </summary>
    public abstract class IntegrationCmdlet : ModuleCmdlet, IDisposable
    {
        const int QueueCapacity = 512;
        static int _nextActivityId = 1000;

        readonly CancellationTokenSource _stop = new CancellationTokenSource();
        readonly int _activityId = Interlocked.Increment(ref _nextActivityId);
        PipelineWriter _lastWriter;

        protected CancellationToken Cancellation => _stop.Token;

        PagingWindow _window;
        /// <summary>-Skip/-First over the whole command (every piped record), for cmdlets that declare SupportsPaging.</summary>
        private protected PagingWindow Window => _window ?? (_window = new PagingWindow(PagingParameters));

        /// <summary>-IncludeTotalCount: the items the read saw, exact unless -First stopped it early.</summary>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (_window != null && PagingParameters != null && PagingParameters.IncludeTotalCount.IsPresent)
                WriteObject(PagingParameters.NewTotalCount(_window.Seen, _window.Stopped ? 0.0 : 1.0));
        }

        protected override void StopProcessing()
        {
            _stop.Cancel();
            base.StopProcessing();
        }

        /// <summary>
        /// Runs <paramref name="work"/> in the background and writes what it produces, as it produces it.
        /// A service failure becomes a non-terminating error about <paramref name="target"/>.
        /// </summary>
        private protected void Run(Func<PipelineWriter, CancellationToken, Task> work, object target = null, bool terminating = false)
        {
            var queue = new BlockingCollection<Action<Cmdlet>>(QueueCapacity);
            // Read here, on the pipeline thread, for every Run: a subclass's BeginProcessing need not call the base's.
            var writer = new PipelineWriter(queue, _stop.Token, IsEnabled("Debug", "DebugPreference"), IsEnabled("Verbose", "VerbosePreference"), _activityId);
            _lastWriter = writer;
            Exception failure = null;
            // Started inside the observer's scope (its continuations keep it) and finished by a continuation, not an async
            // lambda: every async method is a state machine whose builder code the runtime compiles on a session's first call.
            var background = Task.Run(() =>
            {
                Task running;
                using (CallObserverScope.Begin(writer))
                {
                    try { running = work(writer, _stop.Token); }
                    catch (Exception ex) { running = Task.FromException(ex); }
                }
                return running.ContinueWith(done =>
                {
                    // What an await of it would have thrown: the first exception, or the cancellation as it was thrown.
                    try { done.GetAwaiter().GetResult(); }
                    catch (Exception ex) { failure = ex; }
                    finally { queue.CompleteAdding(); }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            });

            var completed = false;
            try
            {
                foreach (var write in queue.GetConsumingEnumerable(_stop.Token)) write(this);
                completed = true;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                // Downstream stopped us (Select-Object -First) or a write threw: end the background work too.
                if (!completed) _stop.Cancel();
                CompleteProgress(writer);
                try { background.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            }

            if (failure == null) return;
            if (failure is OperationCanceledException && _stop.IsCancellationRequested) throw new PipelineStoppedException();
            var record = ErrorRecordFactory.FromException(failure, target);
            if (terminating) ThrowTerminatingError(record);
            WriteError(record);
        }

        void CompleteProgress(PipelineWriter writer)
        {
            if (!writer.ProgressShown) return;
            try
            {
                WriteProgress(new ProgressRecord(writer.ActivityId, "Done", "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException) { }
        }

        /// <summary>Stops the cmdlet with an error that names the parameter and the fix; nothing has been changed.</summary>
        private protected void ThrowParameterError(string parameterName, string message, object value = null) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameterName, message, value));

        /// <summary>Stops when a range's end lies before its start, naming both parameters.</summary>
        private protected void ThrowIfReversed(DateTime from, DateTime to, string fromName, string toName)
        {
            if (to >= from) return;
            var format = from.TimeOfDay == TimeSpan.Zero && to.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "u";
            ThrowParameterError(toName, $"-{toName} ({to.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}) is before -{fromName} ({from.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}); swap them.", to);
        }

        /// <summary>The connection given, else the session's default, else a clear error that says how to connect.</summary>
        private protected T ResolveConnection<T>(T given, string connectCommand) where T : class
        {
            var connection = given ?? SessionConnections.Get<T>();
            if (connection != null) return connection;
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"No {typeof(T).Name} in this session. Run {connectCommand} first, or pass -Connection."),
                ErrorIds.NotConnected, ErrorCategory.ConnectionError, null)
            { ErrorDetails = new ErrorDetails($"No {typeof(T).Name} in this session.") { RecommendedAction = $"Run {connectCommand} first, or pass -Connection." } });
            return null;
        }

        /// <summary>Whether the stream of a common switch (-Debug, -Verbose) shows anything: the switch given, else its preference variable.</summary>
        bool IsEnabled(string commonSwitch, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(commonSwitch, out var given) && given is SwitchParameter s) return s.IsPresent;
            var pref = GetVariableValue(preferenceVariable);
            return pref is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>Runs when PowerShell disposes the pipeline's commands, after every command's end block (or after a stop).</summary>
        private protected virtual void Release() { }

        public void Dispose()
        {
            Release();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
