using System.Globalization;
using System.Text;
using System.Text.Json;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Json;

namespace Accounting.Integrations.Core.Tests.Json;

/// <summary>The faster parse path reads exactly what the old one read, and falls back to it wherever it cannot.</summary>
public class JsonReadingTests
{
    static ApiResponse FromBytes(byte[] body, Encoding? encoding = null) =>
        new(200, "OK", null, new ApiResponse.BodyBytes(new ArraySegment<byte>(body), encoding ?? Encoding.UTF8), TimeSpan.Zero, new Uri("https://x.test/"));

    [Theory]
    [InlineData("2026-03-02T08:15:30")]
    [InlineData("2026-03-02T08:15:30.1")]
    [InlineData("2026-03-02T08:15:30.1234567")]
    [InlineData("2024-02-29T23:59:59.999")]
    public void The_hand_read_ISO_date_is_the_one_TryParseExact_reads(string text)
    {
        Assert.True(JsonElementReader.TryIsoLocal(text, out var fast));
        Assert.True(DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact));
        Assert.Equal(exact, fast);
        Assert.Equal(exact.Kind, fast.Kind);
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-02T08:15:30Z")]
    [InlineData("2026-03-02T08:15:30+01:00")]
    [InlineData("2026-03-02 08:15:30")]
    [InlineData("2026-02-30T08:15:30")]
    [InlineData("2026-03-02T24:00:00")]
    [InlineData("2026-03-02T08:15:30.")]
    [InlineData("2026-03-02T08:15:30.12345678")]
    public void Every_other_shape_goes_to_the_old_readers(string text) => Assert.False(JsonElementReader.TryIsoLocal(text, out _));

    [Theory]
    [InlineData("2017-10-19 00:00:00+02:00")]
    [InlineData("2026-01-31 23:59:59+01:00")]
    [InlineData("2026-01-31T08:15:30+01:00")]
    [InlineData("2024-02-29 12:00:00-05:30")]
    [InlineData("0001-01-01 00:00:00+00:00")]
    public void The_hand_read_Billecta_date_is_the_one_TryParseExact_reads(string text)
    {
        Assert.True(Accounting.Integrations.Core.Billecta.BillectaClient.TryStandard(text, out var fast));
        Assert.True(DateTimeOffset.TryParseExact(text, new[] { "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszzz" }, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var exact));
        Assert.Equal(exact, fast);
        Assert.Equal(exact.Offset, fast.Offset);
        Assert.Equal(exact, Accounting.Integrations.Core.Billecta.BillectaClient.DateOf(text));
    }

    [Theory]
    [InlineData("2026-01-31")]
    [InlineData("2026-01-31 08:15:30")]
    [InlineData("2026-01-31T08:15:30.123")]
    [InlineData("2026-02-30 08:15:30+01:00")]
    [InlineData("2026-01-31 08:15:30+15:00")]
    [InlineData("2026-01-31 08:15:30+0100")]
    [InlineData("2026-01-31x08:15:30+01:00")]
    [InlineData("0001-01-01 00:00:00+01:00")] // before DateTimeOffset's range in UTC
    public void Every_other_Billecta_shape_goes_to_the_formats(string text) =>
        Assert.False(Accounting.Integrations.Core.Billecta.BillectaClient.TryStandard(text, out _));

    [Theory]
    [InlineData("\"2017-10-19 00:00:00+02:00\"")]
    [InlineData("\"2017-10-19 00:00:00\\u002B02:00\"")] // as System.Text.Json writers send '+'
    [InlineData("\"2017-10-19 00:00:00\\u002b02:00\"")]
    [InlineData("\"\\u0032017-10-19T00:00:00-05:30\"")]
    [InlineData("\"2017-10-19 00:00:00\\/02:00\"")]   // another escape: the text path
    [InlineData("\"2017-10-19 00:00:00\\u002G02:00\"")] // not hex: the reader refuses it, as before
    [InlineData("\"2017-10-19 00:00:00\\u00\"")]
    [InlineData("\"2017-10-19 00:00:00+02:00 \"")]
    [InlineData("\"2017-10-19 00:00:00+0200\"")]
    [InlineData("\"2026-02-30 08:15:30+01:00\"")]
    [InlineData("\"2017-10-19\"")]
    [InlineData("\"2017-10-19 00:00:00\\u00AB02:00\"")]
    [InlineData("\"2017-10-19 00:00:00\u00AB02:00\"")]  // the character itself, two bytes in UTF-8
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("20171019")]
    public void A_Billecta_date_read_in_place_is_the_one_its_text_reads_or_the_same_failure(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse("{\"d\":" + json + "}"); }
        catch (JsonException) { return; } // not JSON: never reaches a mapper
        using (doc)
        {
            var value = doc.RootElement.GetProperty("d");
            DateTimeOffset? Text() => Accounting.Integrations.Core.Billecta.BillectaClient.DateOf(JsonElementReader.StrOf(value));
            DateTimeOffset? InPlace() => Accounting.Integrations.Core.Billecta.BillectaClient.DateOf(value);
            FormatException? textFailure = null;
            DateTimeOffset? expected = null;
            try { expected = Text(); } catch (FormatException ex) { textFailure = ex; }
            if (textFailure != null) Assert.Equal(textFailure.Message, Assert.Throws<FormatException>(() => InPlace()).Message);
            else
            {
                var actual = InPlace();
                Assert.Equal(expected, actual);
                Assert.Equal(expected?.Offset, actual?.Offset);
            }
        }
    }

    [Fact]
    public void The_standard_Billecta_date_is_read_from_its_bytes_with_or_without_the_escaped_plus()
    {
        foreach (var raw in new[] { "\"2017-10-19 00:00:00+02:00\"", "\"2017-10-19 00:00:00\\u002B02:00\"" })
        {
            Assert.True(Accounting.Integrations.Core.Billecta.BillectaClient.TryStandard(Encoding.UTF8.GetBytes(raw), out var d), raw);
            Assert.Equal(new DateTimeOffset(2017, 10, 19, 0, 0, 0, TimeSpan.FromHours(2)), d);
        }
        Assert.False(Accounting.Integrations.Core.Billecta.BillectaClient.TryStandard(Encoding.UTF8.GetBytes("\"2017-10-19 00:00:00\\/02:00\""), out _));
    }

    [Theory]
    [InlineData("\"2026-03-02T08:15:30\"")]
    [InlineData("\"2026-03-02T08:15:30.1234567\"")]
    [InlineData("\"2026-03-02T08:15:30\\u002E5\"")]      // '.' escaped
    [InlineData("\"\\u0032026-03-02T08:15:30\"")]
    [InlineData("\"2026-03-02T08:15:30\\/\"")]          // another escape: the text path
    [InlineData("\"2026-03-02T08:15:30.12345678\"")]
    [InlineData("\"2026-03-02T08:15:30Z\"")]
    [InlineData("\"2026-03-02T08:15:30+01:00\"")]
    [InlineData("\"2026-03-02 08:15:30\"")]
    [InlineData("\"2026-03-02\"")]
    [InlineData("\"2026-02-30T08:15:30\"")]
    [InlineData("\"2026-03-02T08:15:3\u00D8\"")]         // a byte past ASCII
    [InlineData("\"not a date\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("20260302")]
    public void A_date_read_in_place_is_the_one_its_text_reads_or_the_same_failure(string json)
    {
        using var doc = JsonDocument.Parse("{\"d\":" + json + "}");
        var value = doc.RootElement.GetProperty("d");
        DateTime? Text()
        {
            var s = JsonElementReader.StrOf(value);
            if (string.IsNullOrEmpty(s)) return null;
            if (DateTime.TryParseExact(s, new[] { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd" },
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return o.UtcDateTime;
            throw new FormatException("not a date");
        }
        DateTime? expected = null;
        var failed = false;
        try { expected = Text(); } catch (FormatException) { failed = true; }
        if (failed) { Assert.Throws<FormatException>(() => JsonElementReader.DateOf(value, "d")); return; }
        var actual = JsonElementReader.DateOf(value, "d");
        Assert.Equal(expected, actual);
        Assert.Equal(expected?.Kind, actual?.Kind);
    }

    [Fact]
    public void A_date_in_the_common_shape_is_read_without_a_string()
    {
        using var doc = JsonDocument.Parse("{\"a\":\"2026-03-02T08:15:30.1234567\",\"b\":\"2026-03-02T08:15:30\\u002E5\"}");
        var a = doc.RootElement.GetProperty("a");
        var b = doc.RootElement.GetProperty("b");
        JsonElementReader.DateOf(a, "a"); // JIT first: what is counted below is the read alone
        JsonElementReader.DateOf(b, "b");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = JsonElementReader.DateOf(a, "a");
        var escaped = JsonElementReader.DateOf(b, "b");
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 30).AddTicks(1234567), read);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 30, 500), escaped);
    }

    [Fact]
    public void A_string_is_read_in_place_only_as_ASCII_and_unicode_escapes_and_only_as_far_as_there_is_room()
    {
        Span<char> room = stackalloc char[5];
        Assert.True(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("\"a\\u002Bb\""), room, out var n));
        Assert.Equal("a+b", room.Slice(0, n).ToString());
        Assert.True(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("\"abcde\""), room, out n));
        Assert.Equal(5, n);
        Assert.False(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("\"abcdef\""), room, out _));
        Assert.False(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("\"a\\nb\""), room, out _));
        Assert.False(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("\"Ø\""), room, out _));
        Assert.False(JsonElementReader.TryAsciiInPlace(Encoding.UTF8.GetBytes("12"), room, out _));
        Assert.Equal(new[] { 0, 9, 10, 15, 10, 15, -1, -1 }, "09afAFg/".Select(c => Hex.ValueOf(c)));
    }

    [Fact]
    public void A_field_set_reads_what_TryGetProperty_reads_the_last_duplicate_included()
    {
        using var doc = JsonDocument.Parse("{\"A\":1,\"B\":\"x\",\"A\":2,\"C\":null,\"D\":[1,2,3]}");
        var f = new JsonFieldSet("A", "B", "C", "D", "E").Read(doc.RootElement);
        Assert.Equal(doc.RootElement.Int("A"), f.Int("A"));
        Assert.Equal(2, f.Int("A"));
        Assert.Equal("x", f.Str("B"));
        Assert.Null(f.Str("C"));
        Assert.Null(f.Str("E"));
        Assert.Equal(3, f.ArrayLength("D"));
        Assert.Equal(0, f.ArrayLength("E"));
        Assert.Throws<FormatException>(() => f.ArrayLength("B"));
        Assert.Throws<ArgumentException>(() => f.Str("not in the set"));
    }

    [Fact]
    public void A_field_set_matches_names_written_with_escapes_or_beyond_ASCII_as_their_text_and_nothing_longer_or_alike()
    {
        // Matched on the document's own UTF-8 bytes; an escaped name must still match the name it spells.
        using var doc = JsonDocument.Parse("{\"St\\u0061te\":\"escaped\",\"Größe\":7,\"Stat\":\"shorter\",\"States\":\"longer\",\"state\":\"case\",\"Stagé\":1,"
            + "\"AVeryLongPropertyNameNobodyReadsAtAll\":0,\"\":\"empty\"}");
        var f = new JsonFieldSet("State", "Größe", "Stage", "Missing").Read(doc.RootElement);
        Assert.Equal("escaped", f.Str("State"));
        Assert.Equal(7, f.Int("Größe"));
        Assert.Null(f.Str("Stage"));
        Assert.Null(f.Str("Missing"));
        using var duplicate = JsonDocument.Parse("{\"State\":\"first\",\"St\\u0061te\":\"second\"}");
        Assert.Equal(duplicate.RootElement.Str("State"), new JsonFieldSet("State").Read(duplicate.RootElement).Str("State"));
    }

    [Fact]
    public void A_body_parsed_from_its_bytes_reads_as_from_its_text_and_is_decoded_only_when_asked()
    {
        var json = "{\"name\":\"Fjordvik Ø\",\"n\":3}";
        var response = FromBytes(Encoding.UTF8.GetBytes(json));
        using (var doc = JsonElementReader.Parse(response))
            Assert.Equal("Fjordvik Ø", doc.RootElement.Str("name"));
        Assert.Equal(json, response.Body);
    }

    [Fact]
    public void Invalid_UTF_8_another_charset_and_a_byte_order_mark_parse_from_the_text_as_before()
    {
        var invalid = FromBytes(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, (byte)'"', (byte)'}' });
        using (var doc = JsonElementReader.Parse(invalid)) Assert.Equal("\uFFFD", doc.RootElement.Str("a"));
        var latin1 = FromBytes(Encoding.Latin1.GetBytes("{\"a\":\"Ø\"}"), Encoding.Latin1);
        using (var doc = JsonElementReader.Parse(latin1)) Assert.Equal("Ø", doc.RootElement.Str("a"));
        Assert.Throws<FormatException>(() => JsonElementReader.Parse(FromBytes(new byte[0])));
    }

    [Fact]
    public void A_trace_of_a_large_body_decodes_only_its_start()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("\"Ø\"", 5000)) + "]";
        var bytes = Encoding.UTF8.GetBytes(body);
        var trace = FromBytes(bytes).BodyForTrace(100);
        Assert.StartsWith(body.Substring(0, 100), trace);
        Assert.EndsWith($"({bytes.Length} bytes)", trace);
    }
}
