using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Accounting.Integrations.Core.Billbee;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>
/// Issue 21: an answer's body is read into one array of its own size (no buffer grown and copied page after page),
/// whatever Content-Length says; the length is a hint, never trusted to cut the body or to pass the cap.
/// </summary>
public class BodyReadTests
{
    /// <summary>Answers every call with the body, the Content-Length header it is told (or none), in reads of at most <c>chunk</c> bytes.</summary>
    sealed class BodyHandler(byte[] body, long? declared, int chunk) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new TrickleStream(body, chunk));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = declared; // StreamContent would compute it; null leaves it unknown, as a chunked answer
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes a read, as a network does, and cannot say its length.</summary>
    sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        int _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Buffer.BlockCopy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static byte[] Json(int bytes)
    {
        // ["xxxx…"] of the given total length, so a parser can tell a whole body from a cut one.
        var text = "[\"" + new string('x', Math.Max(0, bytes - 4)) + "\"]";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    static async Task<ApiResponse> ReadAsync(byte[] body, long? declared, int chunk = 16 * 1024, long? cap = null)
    {
        var options = new TransportOptions { MaxAttempts = 1 };
        if (cap.HasValue) options.MaxResponseBytes = cap.Value;
        using var transport = new ApiTransport("Billbee", new Uri("https://api.example.test/"), options, null, new BillbeeErrorInterpreter(),
            handler: new BodyHandler(body, declared, chunk));
        return await transport.SendAsync(new ApiRequest(HttpMethod.Get, "orders"), CancellationToken.None);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(64 * 1024)]       // exactly one pooled block
    [InlineData(64 * 1024 + 1)]
    [InlineData(1_000_000)]       // a Billbee page of 250 orders is about this size
    public async Task A_body_is_held_in_one_array_of_its_own_size_with_or_without_a_declared_length(int size)
    {
        var body = size == 0 ? new byte[0] : Json(size);
        foreach (var declared in new long?[] { body.Length, null })
        {
            var response = await ReadAsync(body, declared);
            var bytes = Assert.IsType<ArraySegment<byte>>(response.Utf8Body);
            Assert.Equal(body, bytes.ToArray());
            Assert.Equal(0, bytes.Offset);
            Assert.Equal(body.Length, bytes.Array!.Length); // no spare capacity: nothing was grown and copied on the way
        }
    }

    [Fact]
    public async Task A_body_longer_than_its_declared_length_is_read_whole()
    {
        var body = Json(300_000);
        var response = await ReadAsync(body, declared: 1000, chunk: 7000);
        Assert.Equal(body, response.Utf8Body!.Value.ToArray());
        Assert.Equal(body.Length, response.Utf8Body!.Value.Array!.Length);
    }

    [Fact]
    public async Task A_body_shorter_than_its_declared_length_is_what_came()
    {
        var body = Json(5000);
        var response = await ReadAsync(body, declared: 9000);
        Assert.Equal(body, response.Utf8Body!.Value.ToArray());
        Assert.Equal(body.Length, response.Utf8Body!.Value.Array!.Length); // the array made for 9000 bytes is not kept for 5000
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100L)] // declares less than it sends: the cap still counts what arrives
    public async Task A_body_past_the_cap_is_refused_whatever_it_declares(long? declared)
    {
        var body = Json(200_000);
        var ex = await Assert.ThrowsAsync<ServiceException>(() => ReadAsync(body, declared, cap: 150_000));
        Assert.Equal(ErrorReason.ResponseTooLarge, ex.Reason);
        Assert.Contains("sent more than", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(150_000L)]
    public async Task A_body_of_exactly_the_cap_is_read(long? declared)
    {
        var body = Json(150_000);
        var response = await ReadAsync(body, declared, cap: 150_000);
        Assert.Equal(body.Length, response.Utf8Body!.Value.Count);
    }
}
