namespace Firmware.Init.Shutdown;

/// <summary>The last step: reboot(2). On a device it does not return.</summary>
public interface IRebootSyscall
{
    /// <summary>Reboots, powers off or halts as <paramref name="kind"/> says.</summary>
    /// <exception cref="IOException">reboot(2) failed.</exception>
    void Reboot(RebootKind kind);
}
