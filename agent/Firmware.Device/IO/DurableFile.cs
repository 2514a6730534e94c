using System.Runtime.InteropServices;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Device.IO;

/// <summary>
/// The two ways the boot backends make an update durable: rewrite bytes in place and fsync (the
/// GRUB block and U-Boot environment, whose location the bootloader relies on), or write a
/// temporary file, fsync it, rename it over the target and fsync the directory (autoboot.txt).
/// </summary>
internal static class DurableFile
{
    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>; throws if the file is shorter.</summary>
    public static byte[] ReadExactly(string path, long offset, int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        var buffer = new byte[length];
        var done = 0;
        while (done < length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
            if (read == 0)
            {
                throw new EndOfStreamException($"{path} ends before byte {offset + length}");
            }

            done += read;
        }

        return buffer;
    }

    /// <summary>Overwrites <paramref name="data"/> at <paramref name="offset"/> of an existing file or
    /// device (never creating, truncating or extending it) and waits until it is on the medium.</summary>
    public static void WriteInPlace(string path, long offset, ReadOnlySpan<byte> data)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(handle, data, offset);
        Sync(handle, path);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="data"/> atomically: a reader sees
    /// the old file or the new one, after a crash too.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> data)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.new");
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(handle, data, 0);
                Sync(handle, temporary);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        // The rename is durable only once the directory entry is: fsync the directory.
        var fd = Libc.Open(directory, Libc.ORdOnly | Libc.ODirectory | Libc.OCloexec, 0);
        if (fd < 0)
        {
            throw new IOException($"{directory}: cannot open the directory to sync it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        using var directoryHandle = new SafeFileHandle(fd, ownsHandle: true);
        Sync(directoryHandle, directory);
    }

    private static void Sync(SafeFileHandle handle, string path)
    {
        if (Libc.FSync(handle) != 0)
        {
            throw new IOException($"{path}: fsync failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }
}
