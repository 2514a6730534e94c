using System.Runtime.InteropServices;

namespace Firmware.Native;

/// <summary>
/// The system calls of process 1 (firmware/Firmware.Init.Exe): posix_spawn and waitpid, because
/// System.Diagnostics.Process reaps only its own children and an init must reap every orphan;
/// mount(2) and umount2(2); sethostname(2); and the interface-flags ioctl that brings up <c>lo</c>.
/// Linked only into the init, beside Libc.cs.
/// </summary>
internal static partial class Libc
{
    public const int EINTR = 4;

    // mount(2) flags for the remount read-only (linux/mount.h); the boot mounts' flags are KernelMount's.
    public const ulong MsRdOnly = 1;
    public const ulong MsRemount = 32;

    /// <summary>SIOCGIFFLAGS and SIOCSIFFLAGS (linux/sockios.h); IFF_UP (linux/if.h).</summary>
    public const ulong SiocGetInterfaceFlags = 0x8913;
    public const ulong SiocSetInterfaceFlags = 0x8914;
    public const short InterfaceUp = 0x1;

    /// <summary>struct ifreq: the name (IFNAMSIZ 16) and then the union whose first member is the flags.</summary>
    public const int InterfaceRequestSize = 40;
    public const int InterfaceNameSize = 16;

    // posix_spawnattr_t flags (spawn.h, glibc).
    public const short SpawnSetSignalDefault = 0x04;
    public const short SpawnSetSignalMask = 0x08;

    /// <summary>Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128) on every architecture.</summary>
    public const int OpaqueSize = 1024;

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int PosixSpawn(out int pid, string path, void* fileActions, void* attributes, string?[] argv, string?[] envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static unsafe partial int PosixSpawnAttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static unsafe partial int PosixSpawnAttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static unsafe partial int PosixSpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static unsafe partial int PosixSpawnAttrSetSignalDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static unsafe partial int PosixSpawnAttrSetSignalMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static unsafe partial int PosixSpawnFileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static unsafe partial int PosixSpawnFileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int PosixSpawnFileActionsAddOpen(void* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    public static unsafe partial int SigEmptySet(void* set);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    public static unsafe partial int SigFillSet(void* set);

    public const int SIGCHLD = 17;

    /// <summary>signal(2); a handler of 0 is SIG_DFL.</summary>
    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string? source, string target, string? type, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unmount(string target, int flags);

    [LibraryImport("libc", EntryPoint = "sethostname", SetLastError = true)]
    public static partial int SetHostName(ReadOnlySpan<byte> name, nuint length);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int IoctlInterface(int fd, ulong request, byte* interfaceRequest);

    /// <summary>The message of the last P/Invoke error, for console lines.</summary>
    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
