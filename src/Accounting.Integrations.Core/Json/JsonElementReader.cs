using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Accounting.Integrations.Core.Json
{
    /// <summary>
    /// Tolerant readers over System.Text.Json elements. Models are plain classes without serializer
    /// attributes (no dependency type may reach a public surface), and services disagree on formats,
    /// so each service's mapper reads fields explicitly with these.
    /// </summary>
    internal static class JsonElementReader
    {
        static readonly JsonDocumentOptions Tolerant = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

        public static JsonDocument Parse(string body) =>
            JsonDocument.Parse(string.IsNullOrEmpty(body) ? throw new FormatException("The response body was empty.") : body, Tolerant);

        /// <summary>
        /// An answer's body parsed from its UTF-8 bytes as they came (decoding it to text and the parser transcoding it
        /// back cost as much as the parse); a body that will not parse that way (another charset, a byte-order mark,
        /// invalid UTF-8, not JSON) is parsed from its text exactly as before, so every value and failure reads the same.
        /// </summary>
        public static JsonDocument Parse(Http.ApiResponse response)
        {
            if (response.Utf8Body is ArraySegment<byte> utf8 && utf8.Count > 0 && utf8.Array[utf8.Offset] != 0xEF && IsValidUtf8(utf8))
            {
                try { return JsonDocument.Parse(new ReadOnlyMemory<byte>(utf8.Array, utf8.Offset, utf8.Count), Tolerant); }
                catch (JsonException) { /* read from the text below, so the error is the one it always was */ }
            }
            return Parse(response.Body);
        }

        static readonly System.Text.UTF8Encoding StrictUtf8 = new System.Text.UTF8Encoding(false, true);

        /// <summary>
        /// The parser checks a string's UTF-8 only when it is read, and then throws where the text path read U+FFFD:
        /// checked up front (a counting pass, no text made), so such a body takes the text path and reads as before.
        /// </summary>
        static bool IsValidUtf8(ArraySegment<byte> bytes)
        {
            try { StrictUtf8.GetCharCount(bytes.Array, bytes.Offset, bytes.Count); return true; }
            catch (System.Text.DecoderFallbackException) { return false; }
        }

        public static bool TryProp(this JsonElement e, string name, out JsonElement value)
        {
            value = default;
            return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out value) && Present(value);
        }

        static bool Present(JsonElement v) => v.ValueKind != JsonValueKind.Null && v.ValueKind != JsonValueKind.Undefined;

        static JsonElement Prop(JsonElement e, string name) => e.TryProp(name, out var v) ? v : default;

        // Each reader below looks the property up, then converts the value; JsonFields converts a value it found in one pass.

        public static string Str(this JsonElement e, string name) => StrOf(Prop(e, name));

        internal static string StrOf(JsonElement v)
        {
            if (!Present(v)) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }

        public static long? Long(this JsonElement e, string name) => LongOf(Prop(e, name), name);

        internal static long? LongOf(JsonElement v, string name)
        {
            if (!Present(v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d == Math.Floor(d)) return (long)d;
            throw new FormatException($"'{name}' is not an integer: {Snip(v.GetRawText())}");
        }

        public static int? Int(this JsonElement e, string name) => IntOf(Prop(e, name), name);

        internal static int? IntOf(JsonElement v, string name)
        {
            var l = LongOf(v, name);
            if (l == null) return null;
            if (l > int.MaxValue || l < int.MinValue) throw new FormatException($"'{name}' is out of range for a 32-bit integer.");
            return (int)l;
        }

        public static decimal? Decimal(this JsonElement e, string name) => DecimalOf(Prop(e, name), name);

        internal static decimal? DecimalOf(JsonElement v, string name)
        {
            if (!Present(v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d)) return d;
            throw new FormatException($"'{name}' is not a number: {Snip(v.GetRawText())}");
        }

        public static bool? Bool(this JsonElement e, string name) => BoolOf(Prop(e, name), name);

        internal static bool? BoolOf(JsonElement v, string name)
        {
            if (!Present(v)) return null;
            if (v.ValueKind == JsonValueKind.True) return true;
            if (v.ValueKind == JsonValueKind.False) return false;
            if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b)) return b;
            throw new FormatException($"'{name}' is not a boolean.");
        }

        static readonly string[] DateFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        };

        /// <summary>Reads a date that may lack an offset; such values are returned as Unspecified kind, as sent.</summary>
        public static DateTime? Date(this JsonElement e, string name) => DateOf(Prop(e, name), name);

        internal static DateTime? DateOf(JsonElement v, string name)
        {
            // The common shape read in place from the value's bytes, no string made for it; anything else as its text reads.
            Span<char> chars = stackalloc char[IsoLocalMaxLength];
            if (TryAsciiInPlace(v, chars, out var length) && TryIsoLocal(chars.Slice(0, length), out var inPlace)) return inPlace;
            var s = StrOf(v);
            if (string.IsNullOrEmpty(s)) return null;
            if (TryIsoLocal(s, out var d)) return d;
            if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out d)) return d;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return o.UtcDateTime;
            throw new FormatException($"'{name}' is not a date: {Snip(s)}");
        }

        /// <summary>
        /// The common shape, "yyyy-MM-ddTHH:mm:ss" with up to seven fraction digits and no offset, read by hand: exactly
        /// what the first format reads (Unspecified kind), at a fraction of TryParseExact's cost. Anything else: false.
        /// </summary>
        internal static bool TryIsoLocal(string text, out DateTime value) => TryIsoLocal(text.AsSpan(), out value);

        /// <summary>The longest text <see cref="TryIsoLocal(ReadOnlySpan{char}, out DateTime)"/> reads: seven fraction digits.</summary>
        const int IsoLocalMaxLength = 27;

        /// <inheritdoc cref="TryIsoLocal(string, out DateTime)"/>
        internal static bool TryIsoLocal(ReadOnlySpan<char> s, out DateTime value)
        {
            value = default;
            if (s.Length < 19 || s.Length == 20 || s.Length > IsoLocalMaxLength || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
            if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
                || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
            long fraction = 0;
            if (s.Length > 19)
            {
                if (s[19] != '.' || !Digits(s, 20, s.Length - 20, out var digits)) return false;
                fraction = digits;
                for (var i = s.Length - 20; i < 7; i++) fraction *= 10;
            }
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
            return true;
        }

        internal static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var c = s[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }

        /// <summary>
        /// A string value's characters read in place from its UTF-8 bytes into <paramref name="chars"/>, no string made: for
        /// short values such as dates, read by hand. ASCII and \uXXXX escapes (System.Text.Json writers, the sandbox among
        /// them, send '+' as \u002B); anything else (not a string, another escape, a byte past ASCII, more characters than
        /// <paramref name="chars"/> holds) is false, for the caller's text path, which reads the same value.
        /// </summary>
        internal static bool TryAsciiInPlace(JsonElement value, Span<char> chars, out int length)
        {
            length = 0;
            return value.ValueKind == JsonValueKind.String && TryAsciiInPlace(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value), chars, out length);
        }

        /// <summary><see cref="TryAsciiInPlace(JsonElement, Span{char}, out int)"/> from a string token's raw bytes, quotes included.</summary>
        internal static bool TryAsciiInPlace(ReadOnlySpan<byte> raw, Span<char> chars, out int length)
        {
            length = 0;
            if (raw.Length < 2 || raw[0] != (byte)'"' || raw[raw.Length - 1] != (byte)'"') return false;
            var n = 0;
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (n == chars.Length || raw[i] >= 0x80) return false;
                if (raw[i] != (byte)'\\')
                {
                    chars[n++] = (char)raw[i];
                    continue;
                }
                if (i + 5 > raw.Length - 2 || raw[i + 1] != (byte)'u') return false;
                var code = 0;
                for (var k = i + 2; k < i + 6; k++)
                {
                    var h = Hex.ValueOf(raw[k]);
                    if (h < 0) return false;
                    code = code * 16 + h;
                }
                chars[n++] = (char)code;
                i += 5;
            }
            length = n;
            return true;
        }

        public static string[] Strings(this JsonElement e, string name) => StringsOf(Prop(e, name));

        internal static string[] StringsOf(JsonElement v)
        {
            if (!Present(v) || v.ValueKind != JsonValueKind.Array) return new string[0];
            var list = new List<string>();
            foreach (var item in v.EnumerateArray()) list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
            return list.ToArray();
        }

        public static JsonElement Obj(this JsonElement e, string name) => ObjOf(Prop(e, name));

        internal static JsonElement ObjOf(JsonElement v) => v.ValueKind == JsonValueKind.Object ? v : default;

        public static IEnumerable<JsonElement> Array(this JsonElement e, string name) => ArrayOf(Prop(e, name), name);

        internal static IEnumerable<JsonElement> ArrayOf(JsonElement v, string name)
        {
            if (!Present(v)) yield break;
            if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' is not an array.");
            foreach (var item in v.EnumerateArray()) yield return item;
        }

        /// <summary>The length of an array property (0 when absent), without enumerating it.</summary>
        internal static int ArrayLengthOf(JsonElement v, string name)
        {
            if (!Present(v)) return 0;
            if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' is not an array.");
            return v.GetArrayLength();
        }

        static string Snip(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
    }

    /// <summary>
    /// The properties a mapper reads from a large object, found in one pass over it. TryGetProperty scans the object
    /// once per name: twenty names on a fifty-property order were most of the parse. Names are matched on their UTF-8
    /// bytes as they stand in the document, so the properties nobody reads cost no string each (a name written with
    /// escapes is decoded and matched as text). Duplicate names: the last one counts, as with TryGetProperty.
    /// </summary>
    internal sealed class JsonFieldSet
    {
        readonly Dictionary<string, int> _index;
        /// <summary>By UTF-8 length: the names of that length and their positions.</summary>
        readonly (byte[] Name, int Index)[][] _byLength;

        public JsonFieldSet(params string[] names)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++) _index.Add(names[i], i);
            var utf8 = names.Select((n, i) => (Name: System.Text.Encoding.UTF8.GetBytes(n), Index: i)).ToList();
            _byLength = new (byte[] Name, int Index)[utf8.Max(n => n.Name.Length) + 1][];
            foreach (var group in utf8.GroupBy(n => n.Name.Length)) _byLength[group.Key] = group.ToArray();
        }

        public JsonFields Read(JsonElement obj)
        {
            var values = new JsonElement[_index.Count];
            if (obj.ValueKind == JsonValueKind.Object)
                foreach (var property in obj.EnumerateObject())
                {
                    var i = IndexOf(property);
                    if (i >= 0) values[i] = property.Value;
                }
            return new JsonFields(_index, values);
        }

        int IndexOf(JsonProperty property)
        {
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0) return _index.TryGetValue(property.Name, out var escaped) ? escaped : -1;
            if (raw.Length >= _byLength.Length) return -1;
            var candidates = _byLength[raw.Length];
            if (candidates == null) return -1;
            foreach (var candidate in candidates)
                if (raw.SequenceEqual(candidate.Name)) return candidate.Index;
            return -1;
        }
    }

    /// <summary>One object's values of a <see cref="JsonFieldSet"/>, read with the same conversions as <see cref="JsonElementReader"/>.</summary>
    internal readonly struct JsonFields
    {
        readonly Dictionary<string, int> _index;
        readonly JsonElement[] _values;

        internal JsonFields(Dictionary<string, int> index, JsonElement[] values)
        {
            _index = index;
            _values = values;
        }

        JsonElement Get(string name) =>
            _index.TryGetValue(name, out var i) ? _values[i] : throw new ArgumentException($"'{name}' is not one of the field set's names.", nameof(name));

        public string Str(string name) => JsonElementReader.StrOf(Get(name));
        public long? Long(string name) => JsonElementReader.LongOf(Get(name), name);
        public int? Int(string name) => JsonElementReader.IntOf(Get(name), name);
        public decimal? Decimal(string name) => JsonElementReader.DecimalOf(Get(name), name);
        public bool? Bool(string name) => JsonElementReader.BoolOf(Get(name), name);
        public DateTime? Date(string name) => JsonElementReader.DateOf(Get(name), name);
        public string[] Strings(string name) => JsonElementReader.StringsOf(Get(name));
        public JsonElement Obj(string name) => JsonElementReader.ObjOf(Get(name));
        /// <summary>The value as found (default when absent), for a mapper that reads it in place.</summary>
        public JsonElement Element(string name) => Get(name);
        public int ArrayLength(string name) => JsonElementReader.ArrayLengthOf(Get(name), name);
    }
}
