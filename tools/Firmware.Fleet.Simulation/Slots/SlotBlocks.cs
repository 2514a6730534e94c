namespace Firmware.Fleet.Simulation.Slots;

/// <summary>
/// The content of one memory slot: which pooled block holds each <see cref="BlockPool.BlockSize"/>
/// bytes of it. A block never written reads as zeros, like an untouched sparse file. It lives as
/// long as its virtual device, across the device's simulated reboots.
/// </summary>
/// <param name="pool">Where the blocks are stored.</param>
/// <param name="capacity">The slot's size in bytes.</param>
public sealed class SlotBlocks(BlockPool pool, long capacity) : IDisposable
{
    private readonly Dictionary<long, BlockPool.Block> _map = [];
    private readonly Lock _lock = new();

    /// <summary>The slot's size in bytes.</summary>
    public long Capacity => capacity;

    /// <summary>Copies block <paramref name="index"/> into <paramref name="destination"/> (zeros when never written).</summary>
    public void ReadBlock(long index, Span<byte> destination)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(index, out var block))
            {
                block.Bytes.CopyTo(destination);
            }
            else
            {
                destination[..BlockPool.BlockSize].Clear();
            }
        }
    }

    /// <summary>Copies bytes from <paramref name="offset"/> into <paramref name="destination"/>, which must lie inside the slot.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        lock (_lock)
        {
            while (!destination.IsEmpty)
            {
                var (index, within) = Math.DivRem(offset, BlockPool.BlockSize);
                var count = (int)Math.Min(destination.Length, BlockPool.BlockSize - within);
                if (_map.TryGetValue(index, out var block))
                {
                    block.Bytes.AsSpan((int)within, count).CopyTo(destination);
                }
                else
                {
                    destination[..count].Clear();
                }

                offset += count;
                destination = destination[count..];
            }
        }
    }

    /// <summary>Makes block <paramref name="index"/> hold <paramref name="content"/> (a whole block), through the pool.</summary>
    public void WriteBlock(long index, ReadOnlySpan<byte> content)
    {
        var block = pool.Acquire(content);
        BlockPool.Block? old;
        lock (_lock)
        {
            _map.Remove(index, out old);
            _map[index] = block;
        }

        if (old is not null)
        {
            pool.Release(old);
        }
    }

    /// <summary>Gives every block back to the pool.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var block in _map.Values)
            {
                pool.Release(block);
            }

            _map.Clear();
        }
    }
}
