using System.Device.Gpio;
using Firmware.Bench.Tests.Doubles;
using Firmware.Device.Config;
using Firmware.Device.Led;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Led;

[Trait("Category", "Unit")]
public sealed class StatusLedTests : IDisposable
{
    private const int Line = 17;
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingGpioDriver _driver;
    private readonly long _start;

    public StatusLedTests()
    {
        _driver = new RecordingGpioDriver(_clock);
        _start = _clock.GetTimestamp();
    }

    public void Dispose() => _driver.Dispose();

    private async Task Advance(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += step)
        {
            _clock.Advance(step);
            await Task.Yield();
        }
    }

    /// <summary>The writes after the initial dark level, as (milliseconds since start, lit).</summary>
    private (double Ms, bool Lit)[] Timeline(bool activeLow = false) =>
        [.. _driver.Writes.Skip(1).Select(w => (_clock.GetElapsedTime(_start, w.Timestamp).TotalMilliseconds, (w.Value == PinValue.High) != activeLow))];

    [Fact]
    public async Task Plays_the_idle_heartbeat_on_the_clock()
    {
        using var gpio = new GpioController(_driver);
        var led = new StatusLed(gpio, new LedConfig(0, Line, ActiveLow: false), LedState.Idle, _clock);
        using var stop = new CancellationTokenSource();

        var running = led.RunAsync(stop.Token);
        await Advance(TimeSpan.FromMilliseconds(6000));

        Assert.Equal([(0, true), (100, false), (3000, true), (3100, false), (6000, true)], Timeline());
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_new_state_starts_its_pattern_at_once_and_stopping_leaves_the_led_dark_and_released()
    {
        using var gpio = new GpioController(_driver);
        var led = new StatusLed(gpio, new LedConfig(0, Line, ActiveLow: true), LedState.Idle, _clock);
        using var stop = new CancellationTokenSource();

        var running = led.RunAsync(stop.Token);
        await Advance(TimeSpan.FromMilliseconds(1000));
        led.Show(LedState.Downloading);
        await Advance(TimeSpan.FromMilliseconds(600));
        await stop.CancelAsync();
        await running;

        Assert.Equal([(0, true), (100, false), (1000, true), (1250, false), (1500, true), (1600, false)], Timeline(activeLow: true));
        Assert.Equal(PinValue.High, _driver.Writes[0].Value);
        Assert.Empty(_driver.OpenLines);
        Assert.Equal(LedState.Downloading, led.State);
    }

    [Fact]
    public void Every_state_has_a_pattern_that_lights_and_takes_time()
    {
        foreach (var state in Enum.GetValues<LedState>())
        {
            var pattern = LedPatterns.For(state);

            Assert.Contains(pattern.Steps, s => s.On);
            Assert.All(pattern.Steps, s => Assert.True(s.Duration > TimeSpan.Zero));
        }

        Assert.Equal("on 100 ms, off 2900 ms", LedPatterns.For(LedState.Idle).ToString());
    }

    [Fact]
    public void Patterns_differ_between_states()
    {
        var patterns = Enum.GetValues<LedState>().Select(s => LedPatterns.For(s).ToString()).ToList();

        Assert.Equal(patterns.Count, patterns.Distinct().Count());
    }
}
