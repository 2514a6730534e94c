namespace Firmware.Fleet.Simulation.Slots;

/// <summary>
/// A memory slot opened for reading or for writing. Writes gather in one block at a time and reach
/// the pool when the writer moves to another block, flushes or closes, so a block is hashed once
/// however small the writes that fill it.
/// </summary>
internal sealed class MemorySlotStream(SlotBlocks blocks, bool writable) : Stream
{
    private readonly byte[]? _pending = writable ? new byte[BlockPool.BlockSize] : null;
    private long _pendingIndex = -1;
    private long _position;

    public override bool CanRead => !writable;

    public override bool CanSeek => true;

    public override bool CanWrite => writable;

    public override long Length => blocks.Capacity;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a position is not negative");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (writable)
        {
            throw new NotSupportedException("The slot is open for writing.");
        }

        var count = (int)Math.Clamp(blocks.Capacity - _position, 0, buffer.Length);
        blocks.Read(_position, buffer[..count]);
        _position += count;
        return count;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_pending is null)
        {
            throw new NotSupportedException("The slot is open for reading.");
        }

        if (_position + buffer.Length > blocks.Capacity)
        {
            throw new IOException($"a write of {buffer.Length} bytes at {_position} runs past the end of the slot ({blocks.Capacity} bytes)");
        }

        while (!buffer.IsEmpty)
        {
            var (index, within) = Math.DivRem(_position, BlockPool.BlockSize);
            if (index != _pendingIndex)
            {
                Commit();
                blocks.ReadBlock(index, _pending);
                _pendingIndex = index;
            }

            var count = (int)Math.Min(buffer.Length, BlockPool.BlockSize - within);
            buffer[..count].CopyTo(_pending.AsSpan((int)within));
            _position += count;
            buffer = buffer[count..];
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => blocks.Capacity + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    /// <summary>Puts the block being written into the pool: from then on readers see it.</summary>
    public override void Flush() => Commit();

    public override void SetLength(long value) => throw new NotSupportedException("A slot's size is fixed.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Commit();
        }

        base.Dispose(disposing);
    }

    private void Commit()
    {
        if (_pending is not null && _pendingIndex >= 0)
        {
            blocks.WriteBlock(_pendingIndex, _pending);
            _pendingIndex = -1;
        }
    }
}
