using Accounting.Integrations.Core.Http;

namespace Accounting.Integrations.Core.Tests.Http;

public class RetryAfterTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_read_as_a_delay() => Assert.Equal(TimeSpan.FromSeconds(2), RetryAfter.Parse("2", Now));

    [Fact]
    public void An_http_date_is_read_as_the_time_left_until_it() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Parse("Mon, 23 Nov 2026 10:01:30 GMT", Now));

    [Fact]
    public void A_date_in_the_past_means_retry_now() => Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Mon, 23 Nov 2026 09:00:00 GMT", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Anything_else_is_ignored(string value) => Assert.Null(RetryAfter.Parse(value, Now));
}
