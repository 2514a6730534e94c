using System.Runtime.InteropServices;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Flash.Targets;

/// <summary>
/// A block device opened with O_EXCL: the kernel then refuses the open while any partition is
/// mounted or otherwise claimed, and refuses others (mount, another flasher) while we hold it.
/// </summary>
public sealed class BlockDeviceTarget : IFlashTarget
{
    private readonly SafeFileHandle _handle;

    /// <summary>Opens <paramref name="path"/> exclusively for writing.</summary>
    /// <exception cref="FlashException">The device is busy or cannot be opened.</exception>
    public BlockDeviceTarget(string path)
    {
        Path = path;
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OExcl | Libc.OCloexec, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new FlashException(FlashError.TargetRefused,
                errno == 16 ? $"{path} is busy (mounted or held by another program)" : $"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}",
                "untouched");
        }

        _handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Libc.IoctlGetSize(_handle, Libc.BlkGetSize64, out var size) != 0)
        {
            _handle.Dispose();
            throw new FlashException(FlashError.TargetRefused, $"{path}: cannot read the device size", "untouched");
        }

        Capacity = (long)size;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public long? Capacity { get; }

    /// <inheritdoc/>
    public bool HolesReadAsZero => false;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(_handle, data, offset);

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(_handle, buffer, offset);

    /// <inheritdoc/>
    public void Flush() => TargetIo.Sync(_handle, Path);

    /// <inheritdoc/>
    public void DropCache(long offset, long length) => _ = Libc.PosixFadvise(_handle, offset, length, Libc.PosixFadvDontNeed);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
