namespace Firmware.Device.Config;

/// <summary>The status LED's GPIO line.</summary>
/// <param name="Chip">The GPIO chip, <c>/dev/gpiochipN</c>.</param>
/// <param name="Line">The line offset on the chip.</param>
/// <param name="ActiveLow">True when driving the line low lights the LED.</param>
public sealed record LedConfig(int Chip, int Line, bool ActiveLow);
