using System.Device.Gpio;

namespace Firmware.Bench.Wiring;

/// <summary>One output line on the bench's GPIO chip and the level that asserts it.</summary>
/// <param name="Line">The line offset on the chip.</param>
/// <param name="ActiveLow">True when the line is asserted by driving it low (open-collector relays, reset pins).</param>
public sealed record GpioLine(int Line, bool ActiveLow)
{
    /// <summary>The level that drives the line to <paramref name="asserted"/>.</summary>
    public PinValue Level(bool asserted) => asserted != ActiveLow ? PinValue.High : PinValue.Low;

    /// <summary>The line for people: <c>17, active high</c>.</summary>
    public override string ToString() => $"{Line}, active {(ActiveLow ? "low" : "high")}";
}
