using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// JSON as plain .NET values for callers that must not see System.Text.Json (the cmdlets turn these into
    /// PSCustomObjects): an object is an ordered list of name/value pairs, an array an object[], a number a long
    /// when it is whole and fits, else a decimal (a double only past decimal's range), strings and booleans as such.
    /// </summary>
    public static class JsonTree
    {
        /// <summary>The body parsed; null for an empty body. A body that is not JSON is returned as its text.</summary>
        public static object Parse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
                    return From(doc.RootElement);
            }
            catch (JsonException)
            {
                return body;
            }
        }

        /// <summary>
        /// An answer's body parsed from its UTF-8 bytes as they came (<see cref="Json.JsonElementReader.Parse(ApiResponse)"/>),
        /// with the same results as <see cref="Parse(string)"/>: null for an empty body, the text for one that is not JSON.
        /// </summary>
        public static object Parse(ApiResponse response)
        {
            try
            {
                using (var doc = Json.JsonElementReader.Parse(response))
                    return From(doc.RootElement);
            }
            catch (FormatException) { return null; } // the reader's "empty body"
            catch (JsonException)
            {
                // Blank or not JSON: the reader has already tried the text with Parse(string)'s options, so this is what it returns.
                var text = response.Body;
                return string.IsNullOrWhiteSpace(text) ? null : text;
            }
        }

        public static object From(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var pairs = new List<KeyValuePair<string, object>>();
                    foreach (var p in e.EnumerateObject()) pairs.Add(new KeyValuePair<string, object>(p.Name, From(p.Value)));
                    return new JsonObject(pairs);
                case JsonValueKind.Array:
                    var items = new List<object>();
                    foreach (var item in e.EnumerateArray()) items.Add(From(item));
                    return items.ToArray();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l)) return l;
                    if (e.TryGetDecimal(out var d)) return d;
                    return e.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        /// <summary>The object the items of a paged answer sit in, found by name; an empty array when it is missing or null.</summary>
        internal static object[] ItemsOf(JsonElement container, string name)
        {
            if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return new object[0];
            if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' is not a list.");
            return (object[])From(v);
        }

        internal static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON object: its properties in the order the service sent them.</summary>
    public sealed class JsonObject
    {
        public JsonObject(IReadOnlyList<KeyValuePair<string, object>> properties) { Properties = properties; }
        public IReadOnlyList<KeyValuePair<string, object>> Properties { get; }
    }
}
