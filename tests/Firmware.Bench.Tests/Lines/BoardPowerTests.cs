using System.Device.Gpio;
using Firmware.Bench.Lines;
using Firmware.Bench.Tests.Doubles;
using Firmware.Bench.Wiring;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Bench.Tests.Lines;

[Trait("Category", "Unit")]
public sealed class BoardPowerTests : IDisposable
{
    private const int Power = 17;
    private const int Reset = 27;
    private const int BootMode = 22;
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingGpioDriver _driver;

    public BoardPowerTests() => _driver = new RecordingGpioDriver(_clock);

    private static BenchWiring Wiring(bool powerActiveLow = false) => new()
    {
        Source = "test",
        Power = new GpioLine(Power, powerActiveLow),
        Reset = new GpioLine(Reset, ActiveLow: true),
        ResetPulse = TimeSpan.FromMilliseconds(200),
        BootMode = new GpioLine(BootMode, ActiveLow: false),
    };

    [Fact]
    public void Nothing_is_claimed_or_driven_until_asked()
    {
        using var power = new BoardPower(Wiring(powerActiveLow: true), _driver, _clock);

        Assert.Empty(_driver.Sequence);
        Assert.Empty(_driver.OpenLines);
        Assert.Null(power.IsPowered);
        power.LeaveAsIs();
    }

    [Fact]
    public void Switching_on_claims_the_line_already_at_the_on_level_so_a_running_board_never_blips_off()
    {
        using var power = new BoardPower(Wiring(powerActiveLow: true), _driver, _clock);

        power.PowerOn();

        Assert.Equal(["17=low"], _driver.Sequence);
        Assert.Equal([Power], _driver.OpenLines);
        power.LeaveAsIs();
    }

    [Theory]
    [InlineData(false, "17=high", "17=low")]
    [InlineData(true, "17=low", "17=high")]
    public void Power_on_and_off_drive_the_line_with_its_polarity(bool activeLow, string on, string off)
    {
        using var power = new BoardPower(Wiring(activeLow), _driver, _clock);

        power.PowerOn();
        Assert.True(power.IsPowered);
        power.PowerOff();

        Assert.Equal([on, off], _driver.Sequence);
        Assert.False(power.IsPowered);
    }

    [Fact]
    public async Task A_reset_pulse_holds_reset_for_the_wired_time_then_releases_it()
    {
        using var power = new BoardPower(Wiring(), _driver, _clock);

        var pulse = power.PulseResetAsync(CancellationToken.None);
        Assert.Equal(PinValue.Low, _driver.LevelOf(Reset));
        Assert.False(pulse.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(pulse.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await pulse;

        var writes = _driver.Writes.ToList();
        Assert.Equal(["27=low", "27=high"], writes.Select(w => w.ToString()));
        Assert.Equal(TimeSpan.FromMilliseconds(200), _clock.GetElapsedTime(writes[0].Timestamp, writes[1].Timestamp));
    }

    [Fact]
    public async Task A_cancelled_reset_pulse_still_releases_reset()
    {
        using var power = new BoardPower(Wiring(), _driver, _clock);
        using var cancel = new CancellationTokenSource();

        var pulse = power.PulseResetAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pulse);
        Assert.Equal(PinValue.High, _driver.LevelOf(Reset));
    }

    [Fact]
    public void Boot_mode_is_asserted_and_released_with_its_polarity()
    {
        using var power = new BoardPower(Wiring(), _driver, _clock);

        power.SetBootMode(asserted: true);
        Assert.Equal(PinValue.High, _driver.LevelOf(BootMode));
        power.SetBootMode(asserted: false);
        Assert.Equal(PinValue.Low, _driver.LevelOf(BootMode));
    }

    [Fact]
    public void Disposing_leaves_the_board_powered_off_out_of_reset_and_in_normal_boot_mode()
    {
        var power = new BoardPower(Wiring(powerActiveLow: true), _driver, _clock);
        power.SetBootMode(asserted: true);
        power.PowerOn();

        power.Dispose();

        Assert.Equal(["22=high", "17=low", "17=high", "22=low"], _driver.Sequence);
        Assert.Empty(_driver.OpenLines);
    }

    [Fact]
    public void Disposing_an_untouched_board_still_switches_it_off_and_leaves_unused_straps_alone()
    {
        new BoardPower(Wiring(), _driver, _clock).Dispose();

        Assert.Equal(["17=low"], _driver.Sequence);
    }

    [Fact]
    public async Task A_power_cycle_keeps_the_board_off_for_the_settle_time()
    {
        using var power = new BoardPower(Wiring() with { Settle = TimeSpan.FromMilliseconds(500) }, _driver, _clock);

        var cycle = power.PowerCycleAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await cycle;

        var writes = _driver.Writes;
        Assert.Equal(["17=low", "17=high"], writes.Select(w => w.ToString()));
        Assert.Equal(TimeSpan.FromMilliseconds(500), _clock.GetElapsedTime(writes[0].Timestamp, writes[1].Timestamp));
    }

    [Fact]
    public void Leave_as_is_keeps_a_board_switched_on_by_a_short_command_on()
    {
        var power = new BoardPower(Wiring(), _driver, _clock);
        power.PowerOn();
        power.LeaveAsIs();

        power.Dispose();

        Assert.Equal("17=high", _driver.Sequence[^1]);
        Assert.Empty(_driver.OpenLines);
    }

    [Fact]
    public void A_line_that_cannot_be_claimed_is_a_gpio_error_naming_the_chip_and_line()
    {
        using var power = new BoardPower(Wiring(), _driver, _clock);
        _driver.BusyLine = BootMode;

        var error = Assert.Throws<BenchException>(() => power.SetBootMode(asserted: true));

        Assert.Equal(BenchError.GpioFailed, error.Error);
        Assert.Contains("gpiochip0: cannot drive line 22", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_fails_while_driven_is_a_gpio_error()
    {
        using var power = new BoardPower(Wiring(), _driver, _clock);
        power.PowerOff();
        _driver.BrokenLine = Power;

        var error = Assert.Throws<BenchException>(power.PowerOn);

        Assert.Equal(BenchError.GpioFailed, error.Error);
        _driver.BrokenLine = null;
    }

    [Fact]
    public async Task Lines_that_are_not_wired_cannot_be_driven()
    {
        using var power = new BoardPower(Wiring() with { Reset = null, BootMode = null }, _driver, _clock);

        Assert.Throws<InvalidOperationException>(() => power.SetBootMode(asserted: true));
        await Assert.ThrowsAsync<InvalidOperationException>(() => power.PulseResetAsync(CancellationToken.None));
        Assert.Empty(_driver.Sequence);
    }

    // BoardPower owns and disposes the driver; this covers tests where it was never handed over.
    public void Dispose() => _driver.Dispose();
}
