using Firmware.Bench.Metering;
using Firmware.Bench.Tests.Doubles;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Bench.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class PowerSamplerTests
{
    [Fact]
    public async Task Stopping_summarizes_average_peak_energy_and_duration()
    {
        var clock = new FakeTimeProvider();
        using var meter = new SequenceMeter(1000, 3000, 2000);
        await using var sampler = PowerSampler.Start(meter, TimeSpan.FromMilliseconds(100), clock);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        await meter.WaitForReads(1);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await meter.WaitForReads(2);
        var summary = await sampler.StopAsync();

        Assert.Equal(3, summary.Samples);
        Assert.Equal(2000, summary.AverageMilliwatts);
        Assert.Equal(3000, summary.PeakMilliwatts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), summary.Duration);
        Assert.Equal(400, summary.Millijoules, 6);
    }

    [Fact]
    public async Task A_failed_reading_surfaces_when_stopping()
    {
        var clock = new FakeTimeProvider();
        await using var sampler = PowerSampler.Start(new FakePowerMeter(5) { Broken = true }, TimeSpan.FromMilliseconds(100), clock);

        await Assert.ThrowsAsync<BenchException>(sampler.StopAsync);
    }

    /// <summary>Returns the given readings in turn and lets the test wait for the sampler's reads.</summary>
    private sealed class SequenceMeter(params double[] readings) : IPowerMeter, IDisposable
    {
        private readonly SemaphoreSlim _read = new(0);
        private int _next;

        public double ReadMilliwatts()
        {
            var value = readings[Math.Min(_next++, readings.Length - 1)];
            _read.Release();
            return value;
        }

        public async Task WaitForReads(int count)
        {
            while (Volatile.Read(ref _next) < count)
            {
                Assert.True(await _read.WaitAsync(TimeSpan.FromSeconds(10)), "the sampler did not read");
            }
        }

        public void Dispose() => _read.Dispose();
    }
}
