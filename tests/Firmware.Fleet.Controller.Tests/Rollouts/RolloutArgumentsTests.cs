using Firmware.Fleet.Controller.Api;

namespace Firmware.Fleet.Controller.Tests.Rollouts;

[Trait("Category", "Malformed")]
public sealed class RolloutArgumentsTests
{
    private static RolloutRequest Request => new() { BundleId = new string('a', 64), Waves = "1,10%,100%", MaxFailures = "5%", Soak = "2m" };

    [Fact]
    public void A_good_request_parses()
    {
        var spec = Request with { Target = "board=pi4,tag=site:a,devices=d1,d2", MaxConcurrent = 3, Success = "90%" };
        var parsed = spec.ToSpec();
        Assert.Equal(TimeSpan.FromMinutes(2), parsed.Soak);
        Assert.Equal(["d1", "d2"], parsed.Target.Devices);
        Assert.Equal(["site:a"], parsed.Target.Tags);
        Assert.Equal("pi4", parsed.Target.Board);
        Assert.Equal(0.9, parsed.SuccessThreshold);
        Assert.Equal(3, parsed.MaxConcurrent);
    }

    [Theory]
    [InlineData("waves", "1,ten%", "--waves: 'ten%'")]
    [InlineData("waves", "", "--waves: ''")]
    [InlineData("waves", "10%,5%", "--waves: wave 2 (5%) is not larger")]
    [InlineData("waves", "0,100%", "--waves: every wave must hold at least one device")]
    [InlineData("waves", "150%", "--waves: '150%'")]
    [InlineData("waves", "-1", "--waves: '-1'")]
    [InlineData("soak", "2", "--soak: '2' is not a duration")]
    [InlineData("soak", "2 minutes", "--soak: '2 minutes'")]
    [InlineData("soak", "-5s", "--soak: '-5s'")]
    [InlineData("maxFailures", "five", "--max-failures: 'five'")]
    [InlineData("success", "90", "--success: '90' is not a percentage")]
    [InlineData("target", "board", "--target: 'board' is not KEY=VALUE")]
    [InlineData("target", "colour=red", "--target: 'colour=red': unknown key")]
    [InlineData("target", "board=a,board=b", "--target: 'board=b': unknown key or a value given twice")]
    [InlineData("target", "devices=a/b", "'a/b'")]
    [InlineData("target", "board=", "--target: empty value")]
    [InlineData("deadline", "1s", "--deadline: must be 10s to 365d")]
    public void Garbage_is_refused_naming_the_option(string field, string value, string message)
    {
        var request = field switch
        {
            "waves" => Request with { Waves = value },
            "soak" => Request with { Soak = value },
            "maxFailures" => Request with { MaxFailures = value },
            "success" => Request with { Success = value },
            "target" => Request with { Target = value },
            _ => Request with { Deadline = value },
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => request.ToSpec());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_concurrent_must_be_positive() =>
        Assert.Contains("--max-concurrent", Assert.Throws<ArgumentException>(() => (Request with { MaxConcurrent = 0 }).ToSpec()).Message, StringComparison.Ordinal);
}
