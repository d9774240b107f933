using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>One request a <see cref="LoopbackReceiver"/> took: method, path and query, headers, and the raw body.</summary>
public sealed record CapturedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The headers as the hashtable Test-IntegrationWebhookSignature takes.</summary>
    public System.Collections.Hashtable HeaderTable()
    {
        var table = new System.Collections.Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in Headers) table[k] = v;
        return table;
    }
}

/// <summary>
/// A webhook receiver on 127.0.0.1 that a test starts: it answers Billbee's echo test (GET ?echo=x with x), takes
/// POSTs with <see cref="Status"/>, and keeps every request it got.
/// </summary>
public sealed class LoopbackReceiver : IDisposable
{
    readonly HttpListener _listener = new();
    readonly ConcurrentQueue<CapturedRequest> _requests = new();
    readonly Task _loop;

    public int Status { get; set; } = 200;
    public string Url { get; }
    public IReadOnlyList<CapturedRequest> Requests => _requests.ToList();
    public IReadOnlyList<CapturedRequest> Posts => _requests.Where(r => r.Method == "POST").ToList();

    LoopbackReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public static LoopbackReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new LoopbackReceiver(Loopback.FreePort()); }
            catch (HttpListenerException) when (attempt < 5) { } // the free port was taken in between
        }
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException) { return; }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new CapturedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, buffer.ToArray()));
            var echo = context.Request.QueryString["echo"];
            var answer = context.Request.HttpMethod == "GET" && echo != null ? Encoding.UTF8.GetBytes(echo) : Array.Empty<byte>();
            context.Response.StatusCode = context.Request.HttpMethod == "GET" ? 200 : Status;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
