namespace Firmware.Bench.Wiring;

/// <summary>The board's serial console.</summary>
/// <param name="Device">The tty, such as <c>/dev/ttyUSB0</c>.</param>
/// <param name="Baud">The line speed.</param>
public sealed record ConsoleSettings(string Device, int Baud)
{
    /// <summary>The speed when none is given: what U-Boot and most kernels default to.</summary>
    public const int DefaultBaud = 115200;
}
