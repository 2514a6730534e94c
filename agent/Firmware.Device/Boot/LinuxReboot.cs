using System.Runtime.InteropServices;
using Firmware.Native;

namespace Firmware.Device.Boot;

/// <summary>
/// Restarts through reboot(2). With an argument it uses LINUX_REBOOT_CMD_RESTART2, which hands the
/// string to the platform's restart handler: on a Raspberry Pi, "0 tryboot" makes the firmware
/// boot the <c>[tryboot]</c> partition once (the partition number 0 means "as autoboot.txt says").
/// glibc's reboot() cannot pass the argument, so <see cref="Libc.Reboot"/> calls the system call directly.
/// </summary>
public sealed class LinuxReboot : IReboot
{
    /// <inheritdoc/>
    public void Restart(string? argument)
    {
        Libc.Sync();
        var result = Libc.Reboot(argument is null ? Libc.RebootRestart : Libc.RebootRestart2, argument);
        if (result != 0)
        {
            throw new IOException($"reboot(2) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }
}
