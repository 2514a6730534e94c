using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Native;

/// <summary>
/// The few Linux system calls .NET does not expose: holes, exclusive opens, device size, cache
/// and writeback control, advisory locks, directory sync and reboot. One source file linked into each project that needs it
/// (tools/Firmware.Flash and agent/Firmware.Device) as an internal class, so the bench flasher and
/// the agent share the declarations without the agent referencing tools/ and without a public
/// native API in Firmware.Core, which stays pure.
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
    public const int ODirectory = 0x10000;
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

    /// <summary>syscall(2), used for reboot(2) with an argument, which glibc's reboot() cannot pass.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long SyscallReboot(long number, uint magic1, uint magic2, uint command, string? argument);
}
