namespace Firmware.Init.Input;

/// <summary>Waits on one input device's stream of <see cref="InputEvent"/> records for the power button.</summary>
public static class PowerButton
{
    /// <summary>
    /// Reads records from <paramref name="device"/> until one is a power button press (true) or the
    /// stream ends (false; a trailing partial record is ignored). Blocks: an evdev device's read
    /// waits for the next event, so this runs on a thread of its own.
    /// </summary>
    public static bool WaitForPress(Stream device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var record = new byte[InputEvent.Size];
        while (true)
        {
            // evdev returns whole records; a file or pipe may return part of one.
            if (device.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) < record.Length)
            {
                return false;
            }

            if (InputEvent.Read(record).IsPowerButtonPress)
            {
                return true;
            }
        }
    }
}
