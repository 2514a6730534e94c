namespace Firmware.Boards;

/// <summary>The GPIO line of the board's status LED.</summary>
/// <param name="Chip">The gpiochip number.</param>
/// <param name="Line">The line offset on the chip.</param>
/// <param name="ActiveLow">True when driving the line low lights the LED.</param>
public sealed record StatusLed(int Chip, int Line, bool ActiveLow);
