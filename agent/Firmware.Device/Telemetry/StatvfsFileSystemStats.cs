using System.Runtime.InteropServices;

namespace Firmware.Device.Telemetry;

/// <summary>
/// <see cref="IFileSystemStats"/> through glibc's statvfs(3). The struct is the LP64 layout, the
/// same on x86_64 and arm64: eleven 64-bit fields and six spare ints.
/// </summary>
public sealed partial class StatvfsFileSystemStats : IFileSystemStats
{
    /// <inheritdoc/>
    public bool TryGetSpace(string path, out long totalBytes, out long freeBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Statvfs(path, out var stats) != 0)
        {
            totalBytes = freeBytes = 0;
            return false;
        }

        // Block counts are in f_frsize units (POSIX); f_bavail excludes the blocks reserved for root.
        totalBytes = (long)(stats.Blocks * stats.FragmentSize);
        freeBytes = (long)(stats.BlocksAvailable * stats.FragmentSize);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statvfs(string path, out StatvfsBuffer buffer);

    [StructLayout(LayoutKind.Sequential)]
    private struct StatvfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong NameMax;
        public ulong Spare0;
        public ulong Spare1;
        public ulong Spare2;
    }
}
