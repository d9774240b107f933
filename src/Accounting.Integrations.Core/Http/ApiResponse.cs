using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>What came back from one attempt: status, headers and the body as text.</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string reasonPhrase, IDictionary<string, string> headers, string body, TimeSpan elapsed, Uri requestUri)
            : this(statusCode, reasonPhrase, new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase), (BodyBytes)null, elapsed, requestUri)
        {
            _body = body ?? "";
        }

        /// <summary>An answer as read off the wire: its text is decoded from the bytes when first asked for.</summary>
        internal ApiResponse(int statusCode, string reasonPhrase, IDictionary<string, string> headers, BodyBytes body, TimeSpan elapsed, Uri requestUri)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            // The transport's own case-insensitive dictionary, made for this answer and given to nobody else, is kept as it is
            // (the public constructor hands over a copy of the caller's).
            Headers = headers is Dictionary<string, string> own && ReferenceEquals(own.Comparer, StringComparer.OrdinalIgnoreCase)
                ? own
                : new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            _bytes = body;
            Elapsed = elapsed;
            RequestUri = requestUri;
        }

        string _body;
        readonly BodyBytes _bytes;

        public int StatusCode { get; }
        public string ReasonPhrase { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body => _body ?? (_body = _bytes.Decode());

        /// <summary>The body's UTF-8 bytes when it came as UTF-8 off the wire (no text decoded, no transcoding to parse it), else null.</summary>
        internal ArraySegment<byte>? Utf8Body => _bytes != null && _bytes.IsUtf8 ? _bytes.Bytes : (ArraySegment<byte>?)null;

        /// <summary>
        /// The first <paramref name="limit"/> characters of the body for a trace, decoding no more of a large UTF-8 body
        /// than that takes: a trace of every call must not decode every page the parser reads from its bytes.
        /// </summary>
        internal string BodyForTrace(int limit)
        {
            if (_body == null && _bytes != null && _bytes.IsUtf8 && _bytes.Bytes.Count > 4L * limit)
            {
                var bytes = _bytes.Bytes;
                var prefix = _bytes.Encoding.GetString(bytes.Array, bytes.Offset, 4 * limit); // 4 bytes at most make one character
                return prefix.Substring(0, Math.Min(limit, prefix.Length)) + $"… ({bytes.Count} bytes)";
            }
            var text = Body;
            return text.Length <= limit ? text : text.Substring(0, limit) + $"… ({text.Length} chars)";
        }

        /// <summary>A body's bytes and the encoding its Content-Type named (UTF-8 when none).</summary>
        internal sealed class BodyBytes
        {
            public static readonly BodyBytes Empty = new BodyBytes(new ArraySegment<byte>(new byte[0]), System.Text.Encoding.UTF8);

            public BodyBytes(ArraySegment<byte> bytes, System.Text.Encoding encoding)
            {
                Bytes = bytes;
                Encoding = encoding ?? System.Text.Encoding.UTF8;
            }

            public ArraySegment<byte> Bytes { get; }
            public System.Text.Encoding Encoding { get; }
            public bool IsUtf8 => Encoding.CodePage == 65001;
            public string Decode() => Encoding.GetString(Bytes.Array, Bytes.Offset, Bytes.Count);
        }
        public TimeSpan Elapsed { get; }
        public Uri RequestUri { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }
}
