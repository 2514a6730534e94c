using Firmware.Fleet.Controller.Chunks;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Fleet.Controller.Tests.Chunks;

[Trait("Category", "Unit")]
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_full_bucket_sends_its_burst_at_once_then_paces_at_the_rate()
    {
        var bucket = new TokenBucket(1000, 1000, _clock);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(600));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(400));
        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.Reserve(500));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), bucket.Reserve(1000));   // queued behind the first debt
    }

    [Fact]
    public void Time_refills_up_to_the_burst_and_no_more()
    {
        var bucket = new TokenBucket(1000, 1000, _clock);
        bucket.Reserve(1000);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(250));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(100));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(1000));
        Assert.Equal(TimeSpan.FromMilliseconds(1), bucket.Reserve(1));
    }

    [Fact]
    public void A_message_larger_than_the_burst_still_goes_out_at_the_rate()
    {
        var bucket = new TokenBucket(1 << 20, 1 << 20, _clock);
        Assert.Equal(TimeSpan.FromSeconds(3), bucket.Reserve(4 << 20));
    }

    [Fact]
    public void Misuse_is_refused()
    {
        Assert.Equal("bytesPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1, _clock)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 1, _clock).Reserve(-1)).ParamName);
    }
}

[Trait("Category", "Malformed")]
public sealed class ChunkRatesTests
{
    [Theory]
    [InlineData("1MiB/s", 1 << 20)]
    [InlineData("512K/s", 512 << 10)]
    [InlineData("20M/s", 20 << 20)]
    [InlineData("1000/s", 1000)]
    public void Rates_parse(string text, long expected) => Assert.Equal(expected, ChunkRates.ParseRate(text, "--device-rate"));

    [Theory]
    [InlineData("1MiB")]
    [InlineData("1MB/s")]
    [InlineData("0/s")]
    [InlineData("fast")]
    [InlineData("-1K/s")]
    public void Garbage_rates_are_refused(string text) =>
        Assert.Contains($"--bandwidth: '{text}' is not a rate", Assert.Throws<ArgumentException>(() => ChunkRates.ParseRate(text, "--bandwidth")).Message, StringComparison.Ordinal);
}
