namespace Firmware.Bench.Wiring;

/// <summary>An INA219 current/power monitor in the board's supply.</summary>
/// <param name="Bus">The I2C bus, <c>/dev/i2c-N</c>.</param>
/// <param name="Address">The 7-bit I2C address (0x40 to 0x4F by the A0/A1 straps).</param>
/// <param name="ShuntOhms">The shunt resistor (0.1 on the common breakout boards).</param>
public sealed record PowerMeterSettings(int Bus, int Address, double ShuntOhms)
{
    /// <summary>The INA219's address with both straps grounded.</summary>
    public const int DefaultAddress = 0x40;

    /// <summary>The shunt fitted to the common breakout boards.</summary>
    public const double DefaultShuntOhms = 0.1;
}
