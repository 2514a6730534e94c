using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Flash.Targets;

/// <summary>A regular file, recreated empty at the image's size so that unwritten ranges are holes reading as zeros.</summary>
public sealed class FileTarget : IFlashTarget
{
    private readonly SafeFileHandle _handle;

    /// <summary>Creates or truncates <paramref name="path"/> and sizes it to <paramref name="imageSize"/> (when known).</summary>
    public FileTarget(string path, long? imageSize)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        if (imageSize is { } size)
        {
            RandomAccess.SetLength(_handle, size);
        }
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public long? Capacity => null;

    /// <inheritdoc/>
    public bool HolesReadAsZero => true;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(_handle, data, offset);

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(_handle, buffer, offset);

    /// <inheritdoc/>
    public void Flush() => TargetIo.Sync(_handle, Path);

    /// <inheritdoc/>
    public void DropCache(long offset, long length) => _ = Libc.PosixFadvise(_handle, offset, length, Libc.PosixFadvDontNeed);

    /// <summary>Truncates the file to the bytes actually written (for images whose size was unknown up front).</summary>
    public void SetLength(long length) => RandomAccess.SetLength(_handle, length);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
