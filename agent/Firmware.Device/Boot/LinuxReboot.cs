using System.Runtime.InteropServices;
using Firmware.Native;

namespace Firmware.Device.Boot;

/// <summary>
/// Restarts through reboot(2). With an argument it uses LINUX_REBOOT_CMD_RESTART2, which hands the
/// string to the platform's restart handler: on a Raspberry Pi, "0 tryboot" makes the firmware
/// boot the <c>[tryboot]</c> partition once (the partition number 0 means "as autoboot.txt says").
/// glibc's reboot() cannot pass the argument, so this calls the system call directly.
/// </summary>
public sealed class LinuxReboot : IReboot
{
    // include/uapi/linux/reboot.h
    private const uint Magic1 = 0xfee1dead;
    private const uint Magic2 = 672274793;
    private const uint CommandRestart = 0x01234567;
    private const uint CommandRestart2 = 0xA1B2C3D4;

    /// <inheritdoc/>
    public void Restart(string? argument)
    {
        Libc.Sync();
        var number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 169L,   // arch/x86/entry/syscalls/syscall_64.tbl
            Architecture.Arm64 => 142L, // include/uapi/asm-generic/unistd.h
            Architecture.Arm => 88L,    // arch/arm/tools/syscall.tbl
            var other => throw new PlatformNotSupportedException($"reboot(2) is not wired for {other}"),
        };
        var result = Libc.SyscallReboot(number, Magic1, Magic2, argument is null ? CommandRestart : CommandRestart2, argument);
        if (result != 0)
        {
            throw new IOException($"reboot(2) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }
}
