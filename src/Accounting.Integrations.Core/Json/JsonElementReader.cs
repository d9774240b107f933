using System;
using System.Collections.Generic;
using System.Globalization;
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
        public static JsonDocument Parse(string body) =>
            JsonDocument.Parse(string.IsNullOrEmpty(body) ? throw new FormatException("The response body was empty.") : body,
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });

        public static bool TryProp(this JsonElement e, string name, out JsonElement value)
        {
            value = default;
            return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Undefined;
        }

        public static string Str(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v)) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }

        public static long? Long(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d == Math.Floor(d)) return (long)d;
            throw new FormatException($"'{name}' is not an integer: {Snip(v.GetRawText())}");
        }

        public static int? Int(this JsonElement e, string name)
        {
            var l = e.Long(name);
            if (l == null) return null;
            if (l > int.MaxValue || l < int.MinValue) throw new FormatException($"'{name}' is out of range for a 32-bit integer.");
            return (int)l;
        }

        public static decimal? Decimal(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d)) return d;
            throw new FormatException($"'{name}' is not a number: {Snip(v.GetRawText())}");
        }

        public static bool? Bool(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v)) return null;
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
        public static DateTime? Date(this JsonElement e, string name)
        {
            var s = e.Str(name);
            if (string.IsNullOrEmpty(s)) return null;
            if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return o.UtcDateTime;
            throw new FormatException($"'{name}' is not a date: {Snip(s)}");
        }

        public static string[] Strings(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v) || v.ValueKind != JsonValueKind.Array) return new string[0];
            var list = new List<string>();
            foreach (var item in v.EnumerateArray()) list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
            return list.ToArray();
        }

        public static JsonElement Obj(this JsonElement e, string name) =>
            e.TryProp(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

        public static IEnumerable<JsonElement> Array(this JsonElement e, string name)
        {
            if (!e.TryProp(name, out var v)) yield break;
            if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' is not an array.");
            foreach (var item in v.EnumerateArray()) yield return item;
        }

        static string Snip(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
    }
}
