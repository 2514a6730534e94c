using System.Runtime.InteropServices;

namespace Firmware.Bench.Serial;

/// <summary>
/// The termios and file calls a serial console needs (termios(3), poll(2), read(2)); .NET's own
/// SerialPort is not used because it is not trimming-safe on Linux and hides the raw-mode setup.
/// Constants are the Linux values for x86_64 and arm64 (asm-generic).
/// </summary>
internal static unsafe partial class Tty
{
    public const int ORdWr = 0x2;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloexec = 0x80000;

    public const int TcsaNow = 0;
    public const int TciFlush = 0;

    /// <summary>c_cflag: ignore modem control lines, so a missing carrier neither blocks nor hangs up.</summary>
    public const uint CLocal = 0x800;

    /// <summary>c_cflag: enable the receiver.</summary>
    public const uint CRead = 0x80;

    public const short PollIn = 0x1;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const short PollNval = 0x20;

    public const int EIntr = 4;
    public const int EIo = 5;
    public const int ENxio = 6;
    public const int ENoEnt = 2;
    public const int EAgain = 11;
    public const int EAcces = 13;
    public const int EBusy = 16;
    public const int ENoDev = 19;
    public const int ENotTy = 25;
    public const int EInval = 22;
    public const int EPerm = 1;

    /// <summary>struct termios as glibc lays it out on Linux (NCCS = 32): 60 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint IFlag;
        public uint OFlag;
        public uint CFlag;
        public uint LFlag;
        public byte Line;
        public fixed byte Cc[32];
        public uint ISpeed;
        public uint OSpeed;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, out Termios termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, in Termios termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int CfSetISpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int CfSetOSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}
