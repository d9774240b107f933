using System.Collections.Concurrent;
using Accounting.Integrations.Core.Tracing;

namespace Accounting.Integrations.Core.Tests;

/// <summary>Collects what the core reports, as a cmdlet would.</summary>
public sealed class RecordingObserver : ICallObserver, IWarningObserver
{
    public ConcurrentQueue<HttpExchange> Exchanges { get; } = new();
    public ConcurrentQueue<RetryNotice> Retries { get; } = new();
    public ConcurrentQueue<PageProgress> Pages { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();

    public void OnHttpExchange(HttpExchange exchange) => Exchanges.Enqueue(exchange);
    public void OnRetry(RetryNotice notice) => Retries.Enqueue(notice);
    public void OnPage(PageProgress progress) => Pages.Enqueue(progress);
    public void OnWarning(string message) => Warnings.Enqueue(message);

    /// <summary>Every text the observer saw, as -Verbose, -Debug and warnings would show it.</summary>
    public string AllText() =>
        string.Join("\n", Exchanges.Select(e => e.Detail).Concat(Retries.Select(r => r.Message)));
}
