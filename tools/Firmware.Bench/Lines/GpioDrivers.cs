using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Runtime.InteropServices;

namespace Firmware.Bench.Lines;

/// <summary>The GPIO driver a bench host uses for real lines.</summary>
public static class GpioDrivers
{
    /// <summary>
    /// The libgpiod driver for <c>/dev/gpiochip<paramref name="chip"/></c>: the character-device
    /// interface, which (unlike sysfs) lets the kernel release the lines if the process dies.
    /// </summary>
    /// <exception cref="BenchException">libgpiod is missing or the chip cannot be opened.</exception>
    public static GpioDriver ForChip(int chip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chip);
        var path = $"/dev/gpiochip{chip}";
        if (!File.Exists(path))
        {
            throw new BenchException(BenchError.GpioFailed, $"{path} does not exist (wrong gpiochip in the board file, or no GPIO controller on this host?)");
        }

        try
        {
            return new LibGpiodDriver(chip);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or IOException or InvalidOperationException or ExternalException)
        {
            throw new BenchException(BenchError.GpioFailed, $"{path}: cannot open it through libgpiod (apt-get install libgpiod2): {e.Message}", e);
        }
    }
}
