namespace Firmware.Flash.Targets;

/// <summary>Where an image is written: a block device or a file. One class per kind.</summary>
public interface IFlashTarget : IDisposable
{
    /// <summary>The path, for messages.</summary>
    string Path { get; }

    /// <summary>The fixed size of a device; null for a file, which grows.</summary>
    long? Capacity { get; }

    /// <summary>True when bytes never written read as zeros (a fresh file), so holes need not be written.</summary>
    bool HolesReadAsZero { get; }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>.</summary>
    void Write(ReadOnlySpan<byte> data, long offset);

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; returns the count read.</summary>
    int Read(Span<byte> buffer, long offset);

    /// <summary>
    /// Starts writing a range back to the medium without waiting for it. Called after each buffer
    /// so the medium is busy while the next ones are read and hashed, and the final
    /// <see cref="Flush"/> waits only for the tail. Advisory: errors surface at <see cref="Flush"/>.
    /// </summary>
    void StartWriteback(long offset, long length);

    /// <summary>Makes everything written durable (fdatasync).</summary>
    void Flush();

    /// <summary>Drops cached pages of a range so a following read comes from the medium, not from memory.</summary>
    void DropCache(long offset, long length);
}
