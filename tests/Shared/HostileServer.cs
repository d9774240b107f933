using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Accounting.Integrations.Tests.Shared;

/// <summary>
/// A hostile HTTP server on 127.0.0.1 for the tests: raw sockets, so it can do what no well-behaved framework
/// lets it. It echoes every request (headers and body) back in its answer's headers and body, in plain text and
/// JSON; it redirects; it declares huge bodies and streams them, or streams forever; and it records every request
/// it saw, so a test can count what reached it (also when it stands in for a proxy). Linked into both test projects.
/// </summary>
public sealed class HostileServer : IDisposable
{
    public enum Behaviour
    {
        /// <summary>Answers <see cref="Status"/> with the request echoed in headers and body.</summary>
        Echo,
        /// <summary>Answers 302 to <see cref="RedirectTo"/>, with the request echoed in the body.</summary>
        Redirect,
        /// <summary>Declares <see cref="DeclaredLength"/> bytes and streams them as fast as the client reads.</summary>
        HugeDeclared,
        /// <summary>A chunked body that never ends.</summary>
        Endless,
    }

    readonly TcpListener _listener;
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentQueue<Seen> _seen = new();

    public sealed record Seen(string Method, string Target, string Headers, string Body);

    public HostileServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public Behaviour Mode { get; set; } = Behaviour.Echo;
    public int Status { get; set; } = 200;
    public string RedirectTo { get; set; } = "http://127.0.0.2:9/captured";
    public long DeclaredLength { get; set; } = 3L * 1024 * 1024 * 1024;
    /// <summary>Bytes the server managed to send of a huge or endless body: how far the client read.</summary>
    public long BytesStreamed => Interlocked.Read(ref _bytesStreamed);
    long _bytesStreamed;

    public IReadOnlyList<Seen> Requests => _seen.ToArray();

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHead(stream);
                    if (head == null) return;
                    var lines = head.Split("\r\n");
                    var first = lines[0].Split(' ');
                    var headers = string.Join("\n", lines.Skip(1));
                    var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(p => int.Parse(p[1].Trim())).FirstOrDefault();
                    var body = new byte[length];
                    var read = 0;
                    while (read < length) { var n = await stream.ReadAsync(body.AsMemory(read)); if (n == 0) return; read += n; }
                    var seen = new Seen(first[0], first.Length > 1 ? first[1] : "", headers, Encoding.UTF8.GetString(body));
                    _seen.Enqueue(seen);
                    await Answer(stream, seen);
                    if (Mode != Behaviour.Echo) return;
                }
            }
            catch (IOException) { }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        }
    }

    static async Task<string> ReadHead(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await stream.ReadAsync(one);
            if (n == 0) return null;
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, buffer.Count - 4);
            if (buffer.Count > 1 << 20) return null;
        }
    }

    async Task Answer(NetworkStream stream, Seen seen)
    {
        var echo = "Request " + seen.Method + " " + seen.Target + "\n" + seen.Headers + "\n\n" + seen.Body;
        var json = JsonSerializer.Serialize(new { Message = echo, ErrorMessage = echo, headers = seen.Headers, body = seen.Body, Data = (object)null });
        switch (Mode)
        {
            case Behaviour.Echo:
            case Behaviour.Redirect:
            {
                var status = Mode == Behaviour.Redirect ? "302 Found" : Status + " Echo";
                var bytes = Encoding.UTF8.GetBytes(json);
                var sb = new StringBuilder();
                sb.Append("HTTP/1.1 ").Append(status).Append("\r\n");
                sb.Append("Content-Type: application/json; charset=utf-8\r\n");
                if (Mode == Behaviour.Redirect) sb.Append("Location: ").Append(RedirectTo).Append("\r\n");
                // Every request header comes back as a response header too, as a misconfigured proxy does.
                foreach (var line in seen.Headers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Split(':', 2);
                    if (parts.Length == 2) sb.Append("X-Echo-").Append(parts[0].Trim()).Append(": ").Append(parts[1].Trim()).Append("\r\n");
                }
                sb.Append("Content-Length: ").Append(bytes.Length).Append("\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()).Concat(bytes).ToArray());
                break;
            }
            case Behaviour.HugeDeclared:
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {DeclaredLength}\r\n\r\n"));
                await Stream(stream, _ => new byte[64 * 1024]);
                break;
            }
            case Behaviour.Endless:
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n"));
                var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":1},", 8000)));
                var framed = Encoding.ASCII.GetBytes(chunk.Length.ToString("x") + "\r\n").Concat(chunk).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray();
                await Stream(stream, _ => framed);
                break;
            }
        }
    }

    async Task Stream(NetworkStream stream, Func<long, byte[]> next)
    {
        while (!_stop.IsCancellationRequested)
        {
            var bytes = next(BytesStreamed);
            await stream.WriteAsync(bytes, _stop.Token);
            Interlocked.Add(ref _bytesStreamed, bytes.Length);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
