using System.Runtime.InteropServices;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Device.Boot.UBoot;

/// <summary>
/// The lock libubootenv's fw_printenv/fw_setenv take around every access (flock(LOCK_EX) on
/// <c>/var/lock/fw_printenv.lock</c>, src/uboot_env.c): holding it across read-modify-write means
/// an administrator's fw_setenv and the agent cannot interleave and lose one another's update.
/// </summary>
internal static class UBootEnvironmentLock
{
    /// <summary>libubootenv's default lock file.</summary>
    public const string DefaultPath = "/var/lock/fw_printenv.lock";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another holder; dispose to release.</summary>
    /// <exception cref="BootControlException">The lock file cannot be opened, or it is still held after <paramref name="wait"/>.</exception>
    public static SafeFileHandle Acquire(string path, TimeSpan wait)
    {
        // open(2) rather than File.OpenHandle: .NET takes a shared flock of its own on open, which
        // would fail while fw_setenv holds the exclusive one instead of waiting for it.
        var fd = Libc.Open(path, Libc.OWrOnly | Libc.OCreat | Libc.OCloexec, 0x1b6 /* 0666, as libubootenv */);
        if (fd < 0)
        {
            throw new BootControlException($"{path}: cannot open the U-Boot environment lock file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        for (var waited = TimeSpan.Zero; ; waited += Poll)
        {
            if (Libc.Flock(handle, Libc.LockExclusive | Libc.LockNonBlocking) == 0)
            {
                return handle;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EWOULDBLOCK || waited >= wait)
            {
                handle.Dispose();
                throw new BootControlException(errno == Libc.EWOULDBLOCK
                    ? $"{path}: the U-Boot environment is locked by another program (fw_setenv?) for more than {wait.TotalSeconds:0.##} s"
                    : $"{path}: cannot lock: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            Thread.Sleep(Poll);
        }
    }
}
