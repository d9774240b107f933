using System.Diagnostics;
using System.Text;

namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>
/// In front of every service route: logs the request, adds latency, and injects the configured
/// faults the way a real network and server produce them. A fleet customer's pipeline has its own, with that customer's state.
/// </summary>
public sealed class SandboxMiddleware(RequestDelegate next, SandboxState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Items[SandboxState.ArrivalItem] = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "/";
        var service = state.ServiceOf(path);
        if (service == null)
        {
            await next(context);
            return;
        }

        Interlocked.Increment(ref state.InFlightCounter);
        var watch = Stopwatch.StartNew();
        var received = DateTimeOffset.UtcNow;
        var fault = state.Faults.Pick(service, context.Request.Method, path);
        try
        {
            if (state.Options.Latency > TimeSpan.Zero) await Task.Delay(state.Options.Latency, context.RequestAborted);
            if (fault == null) await next(context);
            else await InjectAsync(context, fault);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout, Ctrl+C); nothing to answer.
        }
        finally
        {
            // A fleet customer's request is logged with its whole path (/c/nnn/… is the path base its pipeline stripped).
            state.Log.Add(received, service, context.Request.Method, context.Request.PathBase + path, context.Request.QueryString.Value ?? "",
                context.Response.StatusCode, fault?.Kind.ToString(), watch.Elapsed.TotalMilliseconds,
                context.Items.TryGetValue(SandboxState.IdentityItem, out var id) ? id as string : null, state.Customer);
            Interlocked.Decrement(ref state.InFlightCounter);
        }
    }

    async Task InjectAsync(HttpContext context, FaultRule fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Status429:
                context.Response.StatusCode = 429;
                if (fault.RetryAfterSeconds.HasValue) context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.Value.ToString();
                await WriteJson(context, """{"Message":"Too many requests."}""");
                break;
            case FaultKind.Status500:
                context.Response.StatusCode = 500;
                await WriteJson(context, """{"Message":"An error has occurred."}""");
                break;
            case FaultKind.Status503:
                context.Response.StatusCode = 503;
                await WriteJson(context, """{"Message":"The service is unavailable."}""");
                break;
            case FaultKind.Reset:
                context.Abort();
                break;
            case FaultKind.Slow:
                await Task.Delay(fault.DelayMs, context.RequestAborted);
                await next(context);
                break;
            case FaultKind.Truncated:
            case FaultKind.Malformed:
                await CorruptAsync(context, fault.Kind);
                break;
        }
    }

    /// <summary>Runs the real handler, then sends half its body: cut off mid-stream, or complete but invalid.</summary>
    async Task CorruptAsync(HttpContext context, FaultKind kind)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try { await next(context); }
        finally { context.Response.Body = original; }
        var body = buffer.ToArray();
        var half = body.Take(Math.Max(1, body.Length / 2)).ToArray();
        if (kind == FaultKind.Truncated)
        {
            context.Response.ContentLength = Math.Max(body.Length, 2);
            await original.WriteAsync(half);
            await original.FlushAsync();
            context.Abort();
        }
        else
        {
            var broken = half.Concat(Encoding.UTF8.GetBytes("<!-- upstream error -->")).ToArray();
            context.Response.StatusCode = 200;
            context.Response.ContentLength = broken.Length;
            await original.WriteAsync(broken);
        }
    }

    static Task WriteJson(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }
}
