using Firmware.Flash.Targets;

namespace Firmware.Flash.Tests;

/// <summary>An in-memory target that can fail a write at an offset or corrupt what is read back.</summary>
internal sealed class FaultyTarget(long capacity) : IFlashTarget
{
    private readonly byte[] _medium = new byte[capacity];

    public long? FailWritesAt { get; init; }

    public bool CorruptReads { get; init; }

    public long HighestByteWritten { get; private set; } = -1;

    public string Path => "faulty";

    public long? Capacity => capacity;

    public bool HolesReadAsZero => false;

    public ReadOnlySpan<byte> Medium => _medium;

    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        if (FailWritesAt is { } at && offset + data.Length > at)
        {
            throw new IOException("Input/output error");
        }

        data.CopyTo(_medium.AsSpan((int)offset));
        HighestByteWritten = Math.Max(HighestByteWritten, offset + data.Length - 1);
    }

    public int Read(Span<byte> buffer, long offset)
    {
        var count = (int)Math.Min(buffer.Length, capacity - offset);
        _medium.AsSpan((int)offset, count).CopyTo(buffer);
        if (CorruptReads && count > 0)
        {
            buffer[count / 2] ^= 1;
        }

        return count;
    }

    public void StartWriteback(long offset, long length)
    {
    }

    public void Flush()
    {
    }

    public void DropCache(long offset, long length)
    {
    }

    public void Dispose()
    {
    }
}
