using Firmware.Init.Shutdown;
using Firmware.Native;

namespace Firmware.Init.Exe;

/// <summary>reboot(2) with the command <see cref="RebootKind"/> names; tryboot passes "0 tryboot" with LINUX_REBOOT_CMD_RESTART2.</summary>
internal sealed class LinuxRebootSyscall : IRebootSyscall
{
    public void Reboot(RebootKind kind)
    {
        var (command, argument) = kind switch
        {
            RebootKind.Reboot => (Libc.RebootRestart, null),
            RebootKind.RebootTryboot => (Libc.RebootRestart2, "0 tryboot"),
            RebootKind.PowerOff => (Libc.RebootPowerOff, null),
            _ => (Libc.RebootHalt, (string?)null),
        };
        Libc.Sync();
        if (Libc.Reboot(command, argument) != 0)
        {
            throw new IOException($"reboot(2) failed: {Libc.LastError()}");
        }
    }
}
