namespace Firmware.Device.Updates;

/// <summary>Asks the system to reboot (systemd, the init process, the board's watchdog, or a test's simulated device).</summary>
public interface IReboot
{
    /// <summary>Requests a reboot. The engine stops after calling it and expects to run again after the boot.</summary>
    Task RequestRebootAsync(CancellationToken cancellationToken);
}
