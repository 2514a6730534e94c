using Firmware.Bench.Metering;
using Firmware.Bench.Tests.Doubles;

namespace Firmware.Bench.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class Ina219PowerMeterTests
{
    [Theory]
    [InlineData(0.1, 5.0, 0.5)]
    [InlineData(0.1, 12.0, 2.5)]
    [InlineData(0.01, 5.1, 6.0)]
    public void Power_is_read_within_the_chips_resolution(double shuntOhms, double volts, double amps)
    {
        var chip = new SimulatedIna219(shuntOhms) { Load = (volts, amps) };
        using var meter = Ina219PowerMeter.Attach(chip, shuntOhms, "test INA219");

        var milliwatts = meter.ReadMilliwatts();

        Assert.InRange(milliwatts, volts * amps * 1000 * 0.995, volts * amps * 1000 * 1.005);
    }

    [Fact]
    public void Attaching_writes_the_continuous_configuration_and_the_datasheet_calibration()
    {
        var chip = new SimulatedIna219(0.1);
        using var meter = Ina219PowerMeter.Attach(chip, 0.1, "test INA219");

        Assert.Equal(0x399F, chip.Register(0));
        Assert.Equal(4194, chip.Register(5)); // trunc(0.04096 / (0.32 / 0.1 / 32768 * 0.1)), bit 0 clear
    }

    [Fact]
    public void An_overflowing_current_is_an_error_not_a_reading()
    {
        var chip = new SimulatedIna219(0.1) { Load = (5.0, 4.0) };
        using var meter = Ina219PowerMeter.Attach(chip, 0.1, "test INA219");

        var error = Assert.Throws<BenchException>(() => meter.ReadMilliwatts());

        Assert.Equal(BenchError.PowerMeterFailed, error.Error);
        Assert.Contains("overflow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_at_the_address_is_a_power_meter_error_and_the_device_is_released()
    {
        var chip = new SimulatedIna219(0.1) { Absent = true };

        var error = Assert.Throws<BenchException>(() => Ina219PowerMeter.Attach(chip, 0.1, "INA219 at 0x40 on /dev/i2c-1"));

        Assert.Equal(BenchError.PowerMeterFailed, error.Error);
        Assert.StartsWith("INA219 at 0x40 on /dev/i2c-1: Remote I/O error", error.Message, StringComparison.Ordinal);
        Assert.True(chip.Disposed);
    }

    [Fact]
    public void A_device_that_does_not_keep_the_calibration_is_not_taken_for_an_ina219()
    {
        var chip = new SimulatedIna219(0.1) { IgnoresCalibration = true };

        var error = Assert.Throws<BenchException>(() => Ina219PowerMeter.Attach(chip, 0.1, "test INA219"));

        Assert.Contains("is it an INA219", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bus_with_no_such_adapter_is_a_power_meter_error()
    {
        var error = Assert.Throws<BenchException>(() => Ina219PowerMeter.Open(new(250, 0x40, 0.1)));

        Assert.Equal(BenchError.PowerMeterFailed, error.Error);
        Assert.Contains("/dev/i2c-250", error.Message, StringComparison.Ordinal);
    }
}
