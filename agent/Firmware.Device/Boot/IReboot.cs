namespace Firmware.Device.Boot;

/// <summary>Restarts the machine. Behind an interface so that backends and the update engine can be
/// tested without rebooting anything; <see cref="LinuxReboot"/> is the real one.</summary>
public interface IReboot
{
    /// <summary>Syncs file systems and restarts, passing <paramref name="argument"/> to the kernel's
    /// restart handler (reboot(2) LINUX_REBOOT_CMD_RESTART2), or a plain restart when null.</summary>
    void Restart(string? argument);
}
