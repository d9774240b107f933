using System.Text;
using Accounting.Integrations.Core.IFirma;

namespace Accounting.Integrations.Core.Tests.IFirma;

/// <summary>The signature against every worked example of ifirma.md §1.2.</summary>
public class IFirmaSignerTests
{
    const string Key = "EAB0D8ACF3308F3B";
    const string Jan = "jan.nowak@ifirma.pl";

    [Fact]
    public void The_FAQ_example_signs_the_message_with_the_hex_decoded_key()
    {
        Assert.Equal("cec153ee6350475f117a307111e2bd7d83034925", IFirmaSigner.Sign(IFirmaSigner.DecodeKey("111111"), "", "", "", Encoding.UTF8.GetBytes("222222")));
        // The FAQ's warning: the ASCII text of the key gives another digest.
        Assert.Equal("1558ab6c5ab2b0d1cd129b9ad11527cf33486705", IFirmaSigner.Sign(Encoding.ASCII.GetBytes("111111"), "", "", "", Encoding.UTF8.GetBytes("222222")));
    }

    [Theory]
    [InlineData(Jan, "faktura", "https://www.ifirma.pl/iapi/faktury.json", "", "081dec7098dbed6aab839e76501a964aa5b9386a")]
    [InlineData(Jan, "faktura", "https://www.ifirma.pl/iapi/fakturakraj/1337.json", "", "40600699c8f72e4165b11f98c4cb93253a3cc7dc")]
    [InlineData(Jan, "faktura", "https://www.ifirma.pl/iapi/fakturakraj/1337.pdf.single", "", "e87ba74ecc88097841fe48d16040aa9675c6cb9a")]
    [InlineData("test@example.com", "faktura", "https://www.ifirma.pl/iapi/fakturakraj/list.json", "test body", "6cfa21c42485cc7b40b7868106d91cf885b86655")]
    [InlineData(Jan, "abonent", "https://www.ifirma.pl/iapi/abonent/limit.json", "", "0aa973b2148da65a9bdf33fd3501512f8484eb0e")]
    [InlineData(Jan, "abonent", "https://www.ifirma.pl/iapi/abonent/miesiacksiegowy.json", "", "b52e486a2d99a010739f326214a1aed7b7fd3fb8")]
    [InlineData(Jan, "abonent", "https://www.ifirma.pl/iapi/abonent/miesiacksiegowy.json", "{\"MiesiacKsiegowy\":\"NAST\",\"PrzeniesDaneZPoprzedniegoRoku\":false}", "6468f8bb6c2272bc4cc0db8e2d299f197f802149")]
    [InlineData(Jan, "faktura", "https://www.ifirma.pl/iapi/fakturakraj.json", "{\"Uwagi\":\"Zażółć\"}", "b5744675612e4564c28d15ff3985927c228fa7a8")]
    [InlineData(Jan, "faktura", "https://www.ifirma.pl/iapi/abonent/limit.json", "", "e5304bfbf9975074708e3b11981827dc717213ab")]
    public void Each_worked_example_gives_its_known_digest(string user, string keyName, string url, string body, string expected) =>
        Assert.Equal(expected, IFirmaSigner.Sign(IFirmaSigner.DecodeKey(Key), url, user, keyName, Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("abonent/limit.json", "abonent")]
    [InlineData("faktury.json", "faktura")]
    [InlineData("fakturakraj/1337.json", "faktura")]
    [InlineData("rachunekkraj.json", "rachunek")]
    [InlineData("zakuptowaruvat.json", "wydatek")]
    public void Each_endpoint_is_signed_with_its_area_s_key(string path, string key) => Assert.Equal(key, IFirmaSigner.KeyNameFor(path));

    [Theory]
    [InlineData("ABC")]
    [InlineData("ZZ11")]
    [InlineData("")]
    public void A_key_that_is_not_hex_is_refused_with_the_reason(string key) => Assert.Throws<FormatException>(() => IFirmaSigner.DecodeKey(key));
}
