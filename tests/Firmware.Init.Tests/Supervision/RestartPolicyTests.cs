using Firmware.Init.Supervision;

namespace Firmware.Init.Tests.Supervision;

[Trait("Category", "Unit")]
public sealed class RestartPolicyTests
{
    [Fact]
    public void The_delay_doubles_from_one_second_and_stops_at_sixty()
    {
        var delays = Enumerable.Range(1, 9).Select(n => (int)RestartPolicy.Default.DelayAfter(n).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void A_thousand_failures_do_not_overflow()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), RestartPolicy.Default.DelayAfter(1000));
    }

    [Fact]
    public void There_is_no_zeroth_failure()
    {
        Assert.Equal("failures", Assert.Throws<ArgumentOutOfRangeException>(() => RestartPolicy.Default.DelayAfter(0)).ParamName);
    }
}
