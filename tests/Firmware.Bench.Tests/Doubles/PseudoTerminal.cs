using System.Runtime.InteropServices;
using System.Text;

namespace Firmware.Bench.Tests.Doubles;

/// <summary>
/// A pty pair standing in for a USB serial adapter: the console under test opens
/// <see cref="ConsolePath"/> (the slave side), and the test plays the board by writing into the
/// master side (pty(7): posix_openpt, grantpt, unlockpt, ptsname).
/// </summary>
public sealed unsafe partial class PseudoTerminal : IDisposable
{
    private const int ORdWr = 0x2;
    private const int ONoCtty = 0x100;
    private int _master;

    public PseudoTerminal()
    {
        _master = PosixOpenPt(ORdWr | ONoCtty);
        if (_master < 0 || GrantPt(_master) != 0 || UnlockPt(_master) != 0)
        {
            throw new IOException($"cannot create a pseudo-terminal: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var name = new byte[256];
        fixed (byte* p = name)
        {
            if (PtsNameR(_master, p, (nuint)name.Length) != 0)
            {
                throw new IOException("ptsname_r failed");
            }
        }

        ConsolePath = Encoding.UTF8.GetString(name, 0, Array.IndexOf(name, (byte)0));
    }

    /// <summary>The slave device, such as /dev/pts/7.</summary>
    public string ConsolePath { get; }

    /// <summary>Sends text as the board would print it.</summary>
    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            nint written;
            fixed (byte* p = bytes)
            {
                written = WriteFd(_master, p, (nuint)bytes.Length);
            }

            if (written < 0)
            {
                throw new IOException($"write to the pty master failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            bytes = bytes[(int)written..];
        }
    }

    /// <summary>Closes the master side: the console sees a hang-up, as when a board's USB console vanishes.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _master, -1) is >= 0 and var fd)
        {
            _ = CloseFd(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseFd(int fd);
}
