using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Runtime.InteropServices;
using Firmware.Device.Config;

namespace Firmware.Device.Led;

/// <summary>Opens the GPIO chip agent.yml names for the status LED.</summary>
public static class GpioLed
{
    /// <summary>
    /// A controller on <c>/dev/gpiochipN</c> through libgpiod: the character device, which (unlike
    /// sysfs) releases the line if the agent dies. Null, with the reason, when the chip or libgpiod
    /// is missing: the LED is a convenience, never a reason for the agent to stop.
    /// </summary>
    public static GpioController? TryOpen(LedConfig led, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(led);
        var path = $"/dev/gpiochip{led.Chip}";
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist";
            return null;
        }

        try
        {
            return new GpioController(new LibGpiodDriver(led.Chip));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or IOException or InvalidOperationException or ExternalException)
        {
            problem = $"{path}: cannot open it through libgpiod: {e.Message}";
            return null;
        }
    }
}
