using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using Accounting.Integrations.Core.Security;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// The background side of a cmdlet: work running off the pipeline thread hands output, warnings,
    /// traces and progress to this writer, which queues them (bounded, so memory stays flat) for the
    /// pipeline thread to write. Everything textual is redacted on the way in.
    /// Internal on purpose: PowerShell loads the module's public types before ModuleInitializer can
    /// resolve the core, so no public type here may derive from or implement a core type.
    /// </summary>
    internal sealed class PipelineWriter : ICallObserver, IWarningObserver, IVerboseObserver
    {
        static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

        readonly BlockingCollection<Action<Cmdlet>> _queue;
        readonly CancellationToken _cancellation;
        readonly bool _debug;
        readonly bool _verbose;
        readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        readonly int _activityId;
        bool _progressShown;
        long _httpCalls;

        /// <param name="verbose">Whether the verbose stream shows anything: without it a call's summary line is not even made
        /// (its URL redaction was the only redaction of a quiet session's first call).</param>
        internal PipelineWriter(BlockingCollection<Action<Cmdlet>> queue, CancellationToken cancellation, bool debug, bool verbose, int activityId)
        {
            _queue = queue;
            _cancellation = cancellation;
            _debug = debug;
            _verbose = verbose;
            _activityId = activityId;
        }

        public long HttpCalls => Interlocked.Read(ref _httpCalls);
        internal bool ProgressShown => _progressShown;
        internal int ActivityId => _activityId;

        // Wrapped on the pipeline thread: a PSObject made there keeps the session's type table, so the types file's members
        // (ProfileName, Status as a name) are there wherever the object is read, as for any cmdlet's output.
        public void WriteObject(object item) => Enqueue(c => c.WriteObject(OutputTypeNames.Tag(item)));

        /// <summary>
        /// Writes the item and then, on the pipeline thread, runs <paramref name="delivered"/>: only once the item
        /// has been handed on (a stopped pipeline throws before that), so a checkpoint never passes a record nobody got.
        /// </summary>
        public void WriteObject(object item, Action delivered) => Enqueue(c => { c.WriteObject(OutputTypeNames.Tag(item)); delivered(); });
        public void WriteWarning(string text) { var t = SecretRedactor.Redact(text); Enqueue(c => c.WriteWarning(t)); }
        public void WriteVerbose(string text)
        {
            if (!_verbose) return;
            var t = SecretRedactor.Redact(text);
            Enqueue(c => c.WriteVerbose(t));
        }
        public void WriteError(ErrorRecord record) => Enqueue(c => c.WriteError(record));

        public void WriteProgress(string activity, string status, int percent, bool force = false)
        {
            if (!force && _sinceProgress.Elapsed < ProgressInterval) return; // progress is expensive: at most 5 updates a second
            _sinceProgress.Restart();
            _progressShown = true;
            var record = new ProgressRecord(_activityId, activity, status) { PercentComplete = percent };
            Enqueue(c => c.WriteProgress(record));
        }

        void ICallObserver.OnHttpExchange(HttpExchange exchange)
        {
            Interlocked.Increment(ref _httpCalls);
            if (_verbose)
            {
                var summary = exchange.Summary;
                Enqueue(c => c.WriteVerbose(summary));
            }
            if (_debug)
            {
                var detail = exchange.Detail;
                Enqueue(c => c.WriteDebug(detail));
            }
        }

        void ICallObserver.OnRetry(RetryNotice notice)
        {
            var message = notice.Message;
            Enqueue(c => c.WriteWarning(message));
        }

        // From CallObserverScope.Warn and .Verbose, which redact what they hand on: queued as it is, not redacted twice.
        void IWarningObserver.OnWarning(string message) => Enqueue(c => c.WriteWarning(message));

        void IVerboseObserver.OnVerbose(string message)
        {
            if (_verbose) Enqueue(c => c.WriteVerbose(message));
        }

        void ICallObserver.OnPage(PageProgress progress)
        {
            if (progress.Completed) return; // the cmdlet completes its bar in finally, on the pipeline thread
            var status = progress.TotalItems.HasValue
                ? $"{progress.ItemsRead:N0} of {progress.TotalItems.Value:N0} ({progress.PagesRead} pages)"
                : $"{progress.ItemsRead:N0} read ({progress.PagesRead} pages)";
            var percent = progress.TotalItems.HasValue && progress.TotalItems.Value > 0
                ? (int)Math.Min(100, progress.ItemsRead * 100 / progress.TotalItems.Value) : -1;
            WriteProgress(progress.Activity, status, percent);
        }

        void Enqueue(Action<Cmdlet> action)
        {
            // Blocks when the pipeline thread is behind: the producer waits instead of buffering everything.
            _queue.Add(action, _cancellation);
        }
    }
}
