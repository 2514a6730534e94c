using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Firmware.Fleet.Simulation.Slots;

/// <summary>
/// The blocks of every memory slot in the process, stored once per distinct content and found by
/// their SHA-256: ten thousand devices installing the same 4 MiB bundle hold it once, not ten
/// thousand times. Each block is reference-counted by the slots that hold it and forgotten when the
/// last one lets go, so blocks overwritten by a later update do not pile up.
/// </summary>
public sealed class BlockPool
{
    /// <summary>The block size: a slot's bytes are kept in blocks of this many.</summary>
    public const int BlockSize = 64 * 1024;

    private readonly Dictionary<BlockKey, Entry> _blocks = [];
    private readonly Lock _lock = new();

    /// <summary>Distinct blocks held now.</summary>
    public int Blocks
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Count;
            }
        }
    }

    /// <summary>Bytes held now (distinct blocks times <see cref="BlockSize"/>).</summary>
    public long Bytes => (long)Blocks * BlockSize;

    /// <summary>Takes a reference to the block holding <paramref name="content"/> (exactly <see cref="BlockSize"/> bytes), storing a copy when it is new.</summary>
    public Block Acquire(ReadOnlySpan<byte> content)
    {
        if (content.Length != BlockSize)
        {
            throw new ArgumentException($"a block is {BlockSize} bytes, not {content.Length}", nameof(content));
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        var key = MemoryMarshal.Read<BlockKey>(digest);
        lock (_lock)
        {
            if (!_blocks.TryGetValue(key, out var entry))
            {
                entry = new Entry(new Block(key, content.ToArray()));
                _blocks.Add(key, entry);
            }

            entry.References++;
            return entry.Block;
        }
    }

    /// <summary>Gives back a reference taken by <see cref="Acquire"/>; the last one frees the block.</summary>
    public void Release(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_lock)
        {
            if (_blocks.TryGetValue(block.Key, out var entry) && --entry.References == 0)
            {
                _blocks.Remove(block.Key);
            }
        }
    }

    /// <summary>A stored block: its digest and its bytes (never written after it is stored).</summary>
    /// <param name="Key">The SHA-256 of <paramref name="Bytes"/>.</param>
    /// <param name="Bytes">The content, <see cref="BlockSize"/> bytes.</param>
    public sealed record Block(BlockKey Key, byte[] Bytes);

    /// <summary>A SHA-256 as four words, the pool's key.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct BlockKey(ulong A, ulong B, ulong C, ulong D);

    private sealed class Entry(Block block)
    {
        public Block Block { get; } = block;

        public int References { get; set; }
    }
}
