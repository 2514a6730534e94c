using Firmware.Init.Input;
using Firmware.Init.Shutdown;

namespace Firmware.Init;

/// <summary>
/// The power button: every input device is watched for KEY_POWER, which the kernel's ACPI button
/// driver (or gpio-keys) reports when the board's button is pressed and QEMU sends for
/// <c>system_powerdown</c>; a press asks for the way down as SIGUSR2 does (power off).
/// </summary>
public sealed partial class InitProcess
{
    private void WatchPowerButtons()
    {
        string[] devices;
        try
        {
            devices = Directory.GetFiles(_layout.InputDevices, "event*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Line($"power button: no input devices ({e.Message})");
            return;
        }

        foreach (var device in devices.Order(StringComparer.Ordinal))
        {
            // One blocked reader per device for the init's life; they never hold up the way down.
            new Thread(() => WatchPowerButton(device)) { IsBackground = true, Name = $"input {Path.GetFileName(device)}" }.Start();
        }
    }

    private void WatchPowerButton(string device)
    {
        try
        {
            using var events = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            if (PowerButton.WaitForPress(events) && !_shutdown.Task.IsCompleted)
            {
                _log.Line("power button: powering off");
                RequestShutdown(RebootKind.PowerOff);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Line($"power button: cannot read {device}: {e.Message}");
        }
    }
}
