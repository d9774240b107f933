using System.Text;
using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Core.Tests.Http;

/// <summary>Invoke-&lt;Service&gt;Request's answers parsed from the bytes read exactly as they did from the decoded text.</summary>
public class RawAnswerParseTests
{
    static ApiResponse FromBytes(byte[] body, Encoding? encoding = null) =>
        new(200, "OK", null, new ApiResponse.BodyBytes(new ArraySegment<byte>(body), encoding ?? Encoding.UTF8), TimeSpan.Zero, new Uri("https://x.test/"));

    [Theory]
    [InlineData("{\"a\":1,\"b\":[1.5,\"ø\",true,null],\"c\":{\"d\":12345678901234}}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("not json at all")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("{\"a\":1,}")] // a trailing comma, which the tolerant reader accepts
    public void The_byte_path_gives_what_the_text_path_gave(string body)
    {
        var fromBytes = JsonTree.Parse(FromBytes(Encoding.UTF8.GetBytes(body)));
        var fromText = JsonTree.Parse(body);
        Assert.Equal(Describe(fromText), Describe(fromBytes));
    }

    [Fact]
    public void A_body_in_another_charset_or_with_a_byte_order_mark_still_reads()
    {
        var latin = Encoding.Latin1.GetBytes("{\"name\":\"Gr\u00f8nn\"}");
        Assert.Equal("{name=String:Gr\u00f8nn}", Describe(JsonTree.Parse(FromBytes(latin, Encoding.Latin1))));
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"x\":2}")).ToArray();
        Assert.Equal(Describe(JsonTree.Parse(Encoding.UTF8.GetString(bom))), Describe(JsonTree.Parse(FromBytes(bom))));
    }

    static string Describe(object? value) => value switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Properties.Select(p => p.Key + "=" + Describe(p.Value))) + "}",
        object[] a => "[" + string.Join(",", a.Select(Describe)) + "]",
        _ => value.GetType().Name + ":" + value,
    };
}
