using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Native;

/// <summary>
/// The few Linux system calls .NET does not expose: holes, exclusive opens, device size, cache
/// and writeback control, advisory locks, directory sync, reboot, and what an init needs (process
/// spawning and reaping, mounts, the host name, interface flags). One source file linked into each
/// project that needs it (tools/Firmware.Flash, agent/Firmware.Device, firmware/Firmware.Init.Exe)
/// as an internal class, so they share the declarations without the agent referencing tools/ and
/// without a public native API in Firmware.Core, which stays pure.
/// </summary>
internal static partial class Libc
{
    public const int SeekData = 3;
    public const int SeekHole = 4;
    public const int ENXIO = 6;
    public const int EWOULDBLOCK = 11;
    public const int EBUSY = 16;

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    public const int ORdOnly = 0x0;
    public const int OWrOnly = 0x1;
    public const int ORdWr = 0x2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;

    /// <summary>O_DIRECTORY, one of the open flags whose value differs by architecture: x86 and arm64
    /// swap it with O_DIRECT (0x10000 and 0x4000 on x86, 0x4000 and 0x10000 on arm64), so the x86 value
    /// on arm64 asks for O_DIRECT, and opening a directory with it fails with EINVAL.</summary>
    public static readonly int ODirectory = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    public const int OCloexec = 0x80000;

    /// <summary>BLKGETSIZE64: a block device's size in bytes (linux/fs.h, _IOR(0x12, 114, size_t)).</summary>
    public const ulong BlkGetSize64 = 0x80081272;

    public const int PosixFadvDontNeed = 4;

    /// <summary>SYNC_FILE_RANGE_WRITE: start writing dirty pages of the range back, without waiting.</summary>
    public const uint SyncFileRangeWrite = 2;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(SafeFileHandle fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlGetSize(SafeFileHandle fd, ulong request, out ulong size);

    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    public static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    public static partial int SyncFileRange(SafeFileHandle fd, long offset, long length, uint flags);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int FdataSync(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "sync")]
    public static partial void Sync();

    // reboot(2) commands, include/uapi/linux/reboot.h.
    public const uint RebootRestart = 0x01234567;
    public const uint RebootRestart2 = 0xA1B2C3D4;
    public const uint RebootPowerOff = 0x4321FEDC;
    public const uint RebootHalt = 0xCDEF0123;

    private const uint RebootMagic1 = 0xfee1dead;
    private const uint RebootMagic2 = 672274793;

    /// <summary>
    /// reboot(2) with <paramref name="command"/> and, for <see cref="RebootRestart2"/>, the argument
    /// handed to the platform's restart handler. Returns only on failure (-1, errno set).
    /// </summary>
    public static long Reboot(uint command, string? argument)
    {
        var number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 169L,   // arch/x86/entry/syscalls/syscall_64.tbl
            Architecture.Arm64 => 142L, // include/uapi/asm-generic/unistd.h
            Architecture.Arm => 88L,    // arch/arm/tools/syscall.tbl
            var other => throw new PlatformNotSupportedException($"reboot(2) is not wired for {other}"),
        };
        return SyscallReboot(number, RebootMagic1, RebootMagic2, command, argument);
    }

    /// <summary>syscall(2), used for reboot(2) with an argument, which glibc's reboot() cannot pass.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long SyscallReboot(long number, uint magic1, uint magic2, uint command, string? argument);
}
